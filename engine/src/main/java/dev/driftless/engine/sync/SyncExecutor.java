package dev.driftless.engine.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.cluster.ApplyResult;
import dev.driftless.engine.cluster.Cluster;
import dev.driftless.engine.cluster.ClusterException;
import dev.driftless.engine.cluster.ResourceMapper;
import dev.driftless.engine.diff.SyncState;
import dev.driftless.engine.health.Health;
import dev.driftless.engine.health.HealthAssessor;
import dev.driftless.engine.health.HealthStatus;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Runs a {@link SyncPlan} against a cluster, with Argo CD's order: create the destination namespace, run the
 * PreSync hooks, apply the objects stage by stage (namespaces, CRDs, then each sync wave with its Sync hooks), prune,
 * wait for every applied object to be healthy, run the PostSync hooks. When anything fails, what has not run yet is
 * reported as {@link SyncAction#SKIPPED} and the SyncFail hooks run.
 *
 * <p>Each stage runs whole. Before the next sync wave starts, the objects of the previous one must be Healthy or
 * Suspended, read with {@link HealthAssessor} every {@link SyncOptions#pollInterval()} for at most
 * {@link SyncOptions#waitTimeout()}; an object still unhealthy then is reported {@link SyncAction#FAILED} with its
 * health. Namespaces and CRDs are ordered before the waves by kind, as in Argo CD, without a health wait. Hooks of
 * one phase and wave are created together and waited for together; a hook that fails fails the sync. Without
 * hooks and with a single wave nothing is waited for, and a plan with nothing to do writes nothing.
 *
 * <p>A dry run reads nothing, writes nothing and waits for nothing: it reports what the plan would do.
 */
public final class SyncExecutor {

    /** The alphabet Kubernetes uses for generated names: no vowels, so no words; no look-alike digits. */
    private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final Set<HealthStatus> READY = EnumSet.of(HealthStatus.HEALTHY, HealthStatus.SUSPENDED);
    /** A hook is done once it succeeded, failed, or vanished; Progressing, Suspended or Unknown hooks are waited for. */
    private static final Set<HealthStatus> HOOK_DONE = EnumSet.of(HealthStatus.HEALTHY, HealthStatus.DEGRADED, HealthStatus.MISSING);

    private final Cluster cluster;
    private final ResourceMapper mapper;
    private final HealthAssessor assessor;

    /** @param mapper the kinds of the cluster and of the desired CRDs ({@link Cluster#resourceMapper}) */
    public SyncExecutor(Cluster cluster, ResourceMapper mapper) {
        this(cluster, mapper, new HealthAssessor());
    }

    /** @param assessor the health checks waves and hooks are judged by, e.g. with an application's overrides */
    public SyncExecutor(Cluster cluster, ResourceMapper mapper, HealthAssessor assessor) {
        this.cluster = cluster;
        this.mapper = mapper;
        this.assessor = assessor;
    }

    public SyncResult execute(SyncPlan plan, SyncOptions options, SyncListener listener) {
        Run run = new Run(plan, options, listener);
        plan.unchanged().forEach(key -> run.report(key, SyncAction.UNCHANGED, "synced"));
        if (options.dryRun()) {
            run.dryRun();
            return new SyncResult(run.results, true);
        }
        if (!run.sync()) {
            List<Hook> syncFail = plan.hooks(HookPhase.SYNC_FAIL);
            if (Thread.currentThread().isInterrupted()) {
                // Whoever interrupted wants the sync over (a shutdown): starting more work would outlive it.
                syncFail.forEach(hook -> run.report(hook.displayKey(), SyncAction.SKIPPED,
                        name(hook) + " not run: the sync was interrupted"));
            } else {
                run.hooks(syncFail);
            }
        }
        return new SyncResult(run.results, false, run.written);
    }

    /** The objects of one phase and wave, and the Sync hooks of that wave. */
    private record Stage(SyncStep.Phase phase, int wave, List<SyncStep> steps, List<Hook> hooks) {

        private record Position(SyncStep.Phase phase, int wave) {
        }

        private static final Comparator<Position> ORDER = Comparator.comparing(Position::phase)
                .thenComparingInt(Position::wave);

        Stage {
            steps = List.copyOf(steps);
            hooks = List.copyOf(hooks);
        }

        static List<Stage> of(List<SyncStep> steps, List<Hook> syncHooks) {
            Map<Position, List<SyncStep>> stepsAt = steps.stream().collect(Collectors.groupingBy(
                    step -> new Position(step.phase(), step.wave()), () -> new TreeMap<>(ORDER), Collectors.toList()));
            Map<Position, List<Hook>> hooksAt = syncHooks.stream().collect(Collectors.groupingBy(
                    hook -> new Position(SyncStep.Phase.RESOURCES, hook.wave()), () -> new TreeMap<>(ORDER), Collectors.toList()));
            Set<Position> positions = new TreeSet<>(ORDER);
            positions.addAll(stepsAt.keySet());
            positions.addAll(hooksAt.keySet());
            return positions.stream().map(position -> new Stage(position.phase(), position.wave(),
                    stepsAt.getOrDefault(position, List.of()), hooksAt.getOrDefault(position, List.of()))).toList();
        }

        /** Only sync waves wait for the one before: namespaces and CRDs are a kind order, as in Argo CD. */
        boolean waitsFor(Stage previous) {
            return phase == SyncStep.Phase.RESOURCES && previous.phase == SyncStep.Phase.RESOURCES;
        }
    }

    /** A hook created for this run, under its instance's name. */
    private record Started(Hook hook, Manifest instance) {
    }

    /** One execution: its results, told to the listener as they come. */
    private final class Run {
        private final SyncPlan plan;
        private final SyncOptions options;
        private final SyncListener listener;
        private final HealthWait wait;
        private final List<ResourceResult> results = new ArrayList<>();
        private final List<Manifest> applied = new ArrayList<>();
        private final Map<ResourceKey, ObjectNode> written = new TreeMap<>();

        Run(SyncPlan plan, SyncOptions options, SyncListener listener) {
            this.plan = plan;
            this.options = options;
            this.listener = listener;
            this.wait = new HealthWait(cluster, mapper, assessor, options.waitTimeout(), options.pollInterval());
        }

        /** @return whether everything succeeded */
        boolean sync() {
            List<Stage> stages = Stage.of(plan.steps(), plan.hooks(HookPhase.SYNC));
            List<Hook> postSync = plan.hooks(HookPhase.POST_SYNC);
            if (!plan.namespaceToCreate().isEmpty() && !createNamespace(plan.namespaceToCreate())) {
                skip(plan.hooks(HookPhase.PRE_SYNC));
                skip(stages, postSync);
                return false;
            }
            if (!hooks(plan.hooks(HookPhase.PRE_SYNC))) {
                skip(stages, postSync);
                return false;
            }
            for (int i = 0; i < stages.size(); i++) {
                Stage stage = stages.get(i);
                boolean succeeded = applyAll(stage.steps());
                if (succeeded) {
                    succeeded = hooks(stage.hooks());
                } else {
                    skip(stage.hooks());
                }
                if (succeeded && i + 1 < stages.size() && stages.get(i + 1).waitsFor(stage)) {
                    succeeded = awaitHealthy(stage.steps().stream().map(SyncStep::manifest).toList(),
                            "wave " + stage.wave() + " was not healthy, so wave " + stages.get(i + 1).wave() + " did not start");
                }
                if (!succeeded) {
                    skip(stages.subList(i + 1, stages.size()), postSync);
                    return false;
                }
            }
            if (!prune()) {
                skip(postSync);
                return false;
            }
            if (!postSync.isEmpty() && !awaitHealthy(applied, "the objects were not healthy, so the PostSync hooks did not run")) {
                skip(postSync);
                return false;
            }
            return hooks(postSync);
        }

        void dryRun() {
            if (!plan.namespaceToCreate().isEmpty()) {
                report(new ResourceKey("", "Namespace", "", plan.namespaceToCreate()), SyncAction.CREATED,
                        "dry run: would create the destination namespace if missing");
            }
            plan.hooks(HookPhase.PRE_SYNC).forEach(this::reportDryRun);
            for (Stage stage : Stage.of(plan.steps(), plan.hooks(HookPhase.SYNC))) {
                for (SyncStep step : stage.steps()) {
                    boolean missing = step.state() == SyncState.MISSING;
                    report(step.key(), missing ? SyncAction.CREATED : SyncAction.CONFIGURED,
                            missing ? "dry run: would create" : "dry run: would configure");
                }
                stage.hooks().forEach(this::reportDryRun);
            }
            plan.prunes().forEach(key -> report(key, SyncAction.PRUNED, "dry run: would prune"));
            plan.hooks(HookPhase.POST_SYNC).forEach(this::reportDryRun);
        }

        private void reportDryRun(Hook hook) {
            report(hook.displayKey(), SyncAction.HOOK_CREATED, "dry run: would run the " + name(hook));
        }

        private boolean createNamespace(String namespace) {
            ResourceKey key = new ResourceKey("", "Namespace", "", namespace);
            try {
                if (cluster.ensureNamespace(namespace)) {
                    report(key, SyncAction.CREATED, "destination namespace created");
                }
                return true;
            } catch (ClusterException e) {
                report(key, SyncAction.FAILED, e.getMessage());
                return false;
            }
        }

        /** Applies every step, even after one fails: a stage runs whole. */
        private boolean applyAll(List<SyncStep> steps) {
            boolean succeeded = true;
            for (SyncStep step : steps) {
                succeeded &= apply(step);
            }
            return succeeded;
        }

        private boolean apply(SyncStep step) {
            try {
                ApplyResult result = cluster.apply(step.manifest(), mapper, options.applyMode(),
                        step.state() == SyncState.MISSING);
                switch (result.outcome()) {
                    case CREATED -> report(step.key(), SyncAction.CREATED, "created");
                    case CONFIGURED -> report(step.key(), SyncAction.CONFIGURED, "configured");
                    case UNCHANGED -> report(step.key(), SyncAction.UNCHANGED, "already as desired");
                }
                applied.add(step.manifest());
                result.live().ifPresent(live -> written.put(step.key(), live));
                return true;
            } catch (ClusterException e) {
                report(step.key(), SyncAction.FAILED, e.getMessage());
                return false;
            }
        }

        private boolean awaitHealthy(List<Manifest> objects, String consequence) {
            // Waited for, their status moves on from what the writes answered: the compare after the sync reads them.
            objects.forEach(object -> written.remove(object.key()));
            HealthWait.Outcome outcome = wait.until(objects, health -> READY.contains(health.status()));
            boolean healthy = true;
            for (Map.Entry<ResourceKey, Health> entry : outcome.last().entrySet()) {
                Health health = entry.getValue();
                if (!READY.contains(health.status())) {
                    healthy = false;
                    report(entry.getKey(), SyncAction.FAILED, entry.getKey() + " did not become healthy "
                            + outcome.cutOff() + ": " + describe(health) + "; " + consequence);
                }
            }
            return healthy;
        }

        private boolean prune() {
            List<ResourceKey> prunes = plan.prunes();
            for (int i = 0; i < prunes.size(); i++) {
                ResourceKey key = prunes.get(i);
                try {
                    boolean deleted = cluster.prune(plan.app(), key, mapper);
                    report(key, deleted ? SyncAction.PRUNED : SyncAction.UNCHANGED, deleted ? "pruned" : "already gone");
                } catch (ClusterException e) {
                    report(key, SyncAction.FAILED, e.getMessage());
                    skipPrunes(prunes.subList(i + 1, prunes.size()));
                    return false;
                }
            }
            return true;
        }

        /** Runs hooks of one phase wave by wave; a wave with a failed hook stops the later waves. */
        boolean hooks(List<Hook> hooks) {
            int start = 0;
            while (start < hooks.size()) {
                int end = start;
                while (end < hooks.size() && hooks.get(end).wave() == hooks.get(start).wave()) {
                    end++;
                }
                if (!hookWave(hooks.subList(start, end))) {
                    skip(hooks.subList(end, hooks.size()));
                    return false;
                }
                start = end;
            }
            return true;
        }

        private boolean hookWave(List<Hook> wave) {
            boolean succeeded = true;
            List<Started> started = new ArrayList<>();
            for (Hook hook : wave) {
                Manifest instance = hook.instance(plan.app(), nameSuffix(), options.operation());
                if (hook.deletePolicies().contains(HookDeletePolicy.BEFORE_HOOK_CREATION) && !hook.generatesName()
                        && !deletePrevious(hook, instance)) {
                    succeeded = false;
                    continue;
                }
                try {
                    cluster.apply(instance, mapper, options.applyMode());
                    report(instance.key(), SyncAction.HOOK_CREATED, name(hook) + " created");
                    started.add(new Started(hook, instance));
                } catch (ClusterException e) {
                    report(instance.key(), SyncAction.HOOK_FAILED, name(hook) + " could not be created: " + e.getMessage());
                    succeeded = false;
                }
            }
            HealthWait.Outcome outcome = wait.until(started.stream().map(Started::instance).toList(),
                    health -> HOOK_DONE.contains(health.status()));
            for (Started run : started) {
                succeeded &= finish(run, outcome.last().get(run.instance().key()), outcome.cutOff());
            }
            return succeeded;
        }

        private boolean finish(Started run, Health health, String cutOff) {
            ResourceKey key = run.instance().key();
            boolean succeeded = health.status() == HealthStatus.HEALTHY;
            if (succeeded) {
                report(key, SyncAction.HOOK_SUCCEEDED, name(run.hook()) + " succeeded"
                        + (health.message().isEmpty() ? "" : ": " + health.message()));
            } else if (HOOK_DONE.contains(health.status())) {
                report(key, SyncAction.HOOK_FAILED, name(run.hook()) + " failed: " + describe(health));
            } else {
                report(key, SyncAction.HOOK_FAILED, name(run.hook()) + " did not complete " + cutOff + ": " + describe(health));
            }
            HookDeletePolicy policy = succeeded ? HookDeletePolicy.HOOK_SUCCEEDED : HookDeletePolicy.HOOK_FAILED;
            if (run.hook().deletePolicies().contains(policy) && health.status() != HealthStatus.MISSING) {
                return delete(run.hook(), key, "deleted (" + policy.annotationValue() + ")") && succeeded;
            }
            return succeeded;
        }

        /** Deletes the instance a previous sync left, and waits until it is gone so the create cannot collide. */
        private boolean deletePrevious(Hook hook, Manifest instance) {
            ResourceKey key = instance.key();
            try {
                if (!cluster.prune(plan.app(), key, mapper)) {
                    return true;
                }
            } catch (ClusterException e) {
                report(key, SyncAction.HOOK_FAILED, name(hook) + ": cannot delete the previous instance: " + e.getMessage());
                return false;
            }
            report(key, SyncAction.HOOK_DELETED, "previous instance deleted (BeforeHookCreation)");
            HealthWait.Outcome outcome = wait.until(List.of(instance), health -> health.status() == HealthStatus.MISSING);
            if (outcome.last().get(key).status() != HealthStatus.MISSING) {
                report(key, SyncAction.HOOK_FAILED, name(hook) + ": the previous instance was not gone " + outcome.cutOff());
                return false;
            }
            return true;
        }

        private boolean delete(Hook hook, ResourceKey key, String message) {
            try {
                cluster.prune(plan.app(), key, mapper);
                report(key, SyncAction.HOOK_DELETED, message);
                return true;
            } catch (ClusterException e) {
                report(key, SyncAction.HOOK_FAILED, name(hook) + " could not be deleted: " + e.getMessage());
                return false;
            }
        }

        private void skip(List<Stage> stages, List<Hook> postSync) {
            stages.forEach(stage -> {
                stage.steps().forEach(step -> report(step.key(), SyncAction.SKIPPED, "not run: an earlier stage failed"));
                skip(stage.hooks());
            });
            skipPrunes(plan.prunes());
            skip(postSync);
        }

        private void skip(List<Hook> hooks) {
            hooks.forEach(hook -> report(hook.displayKey(), SyncAction.SKIPPED, name(hook) + " not run: an earlier stage failed"));
        }

        private void skipPrunes(List<ResourceKey> prunes) {
            prunes.forEach(key -> report(key, SyncAction.SKIPPED, "not pruned: an earlier step failed"));
        }

        void report(ResourceKey key, SyncAction action, String message) {
            ResourceResult result = new ResourceResult(key, action, message);
            results.add(result);
            listener.onResource(result);
        }
    }

    private static String name(Hook hook) {
        return hook.phase().annotationValue() + " hook";
    }

    private static String describe(Health health) {
        return health.status().displayName() + (health.message().isEmpty() ? "" : " (" + health.message() + ")");
    }

    private static String nameSuffix() {
        StringBuilder suffix = new StringBuilder(5);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 5; i++) {
            suffix.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
        }
        return suffix.toString();
    }
}

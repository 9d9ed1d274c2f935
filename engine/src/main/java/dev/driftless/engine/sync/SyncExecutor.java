package dev.driftless.engine.sync;

import dev.driftless.engine.cluster.ApplyOutcome;
import dev.driftless.engine.cluster.Cluster;
import dev.driftless.engine.cluster.ClusterException;
import dev.driftless.engine.cluster.ResourceMapper;
import dev.driftless.engine.diff.SyncState;
import dev.driftless.engine.model.ResourceKey;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link SyncPlan} against a cluster. Each stage (a phase and wave) runs whole; when any object of a stage
 * fails, the later stages and the prunes do not run and are reported as {@link SyncAction#SKIPPED}. Prunes stop at
 * the first failure. A dry run reads nothing and writes nothing: it reports what the plan would do.
 */
public final class SyncExecutor {

    private final Cluster cluster;
    private final ResourceMapper mapper;

    /** @param mapper the kinds of the cluster and of the desired CRDs ({@link Cluster#resourceMapper}) */
    public SyncExecutor(Cluster cluster, ResourceMapper mapper) {
        this.cluster = cluster;
        this.mapper = mapper;
    }

    public SyncResult execute(SyncPlan plan, SyncOptions options, SyncListener listener) {
        Run run = new Run(listener);
        plan.unchanged().forEach(key -> run.report(key, SyncAction.UNCHANGED, "synced"));
        if (options.dryRun()) {
            dryRun(plan, run);
            return new SyncResult(run.results, true);
        }
        if (!plan.namespaceToCreate().isEmpty() && !createNamespace(plan.namespaceToCreate(), run)) {
            skipAll(plan.steps(), plan.prunes(), run);
            return new SyncResult(run.results, false);
        }
        List<SyncStep> steps = plan.steps();
        int stageStart = 0;
        while (stageStart < steps.size()) {
            int stageEnd = stageStart;
            while (stageEnd < steps.size() && steps.get(stageEnd).sameStage(steps.get(stageStart))) {
                stageEnd++;
            }
            boolean stageFailed = false;
            for (SyncStep step : steps.subList(stageStart, stageEnd)) {
                stageFailed |= !apply(step, options, run);
            }
            if (stageFailed) {
                skipAll(steps.subList(stageEnd, steps.size()), plan.prunes(), run);
                return new SyncResult(run.results, false);
            }
            stageStart = stageEnd;
        }
        prune(plan, run);
        return new SyncResult(run.results, false);
    }

    private boolean createNamespace(String namespace, Run run) {
        ResourceKey key = new ResourceKey("", "Namespace", "", namespace);
        try {
            if (cluster.ensureNamespace(namespace)) {
                run.report(key, SyncAction.CREATED, "destination namespace created");
            }
            return true;
        } catch (ClusterException e) {
            run.report(key, SyncAction.FAILED, e.getMessage());
            return false;
        }
    }

    private boolean apply(SyncStep step, SyncOptions options, Run run) {
        try {
            ApplyOutcome outcome = cluster.apply(step.manifest(), mapper, options.applyMode());
            switch (outcome) {
                case CREATED -> run.report(step.key(), SyncAction.CREATED, "created");
                case CONFIGURED -> run.report(step.key(), SyncAction.CONFIGURED, "configured");
                case UNCHANGED -> run.report(step.key(), SyncAction.UNCHANGED, "already as desired");
            }
            return true;
        } catch (ClusterException e) {
            run.report(step.key(), SyncAction.FAILED, e.getMessage());
            return false;
        }
    }

    private void prune(SyncPlan plan, Run run) {
        List<ResourceKey> prunes = plan.prunes();
        for (int i = 0; i < prunes.size(); i++) {
            ResourceKey key = prunes.get(i);
            try {
                boolean deleted = cluster.prune(plan.app(), key, mapper);
                run.report(key, deleted ? SyncAction.PRUNED : SyncAction.UNCHANGED, deleted ? "pruned" : "already gone");
            } catch (ClusterException e) {
                run.report(key, SyncAction.FAILED, e.getMessage());
                skipAll(List.of(), prunes.subList(i + 1, prunes.size()), run);
                return;
            }
        }
    }

    private static void dryRun(SyncPlan plan, Run run) {
        if (!plan.namespaceToCreate().isEmpty()) {
            run.report(new ResourceKey("", "Namespace", "", plan.namespaceToCreate()), SyncAction.CREATED,
                    "dry run: would create the destination namespace if missing");
        }
        for (SyncStep step : plan.steps()) {
            boolean missing = step.state() == SyncState.MISSING;
            run.report(step.key(), missing ? SyncAction.CREATED : SyncAction.CONFIGURED,
                    missing ? "dry run: would create" : "dry run: would configure");
        }
        plan.prunes().forEach(key -> run.report(key, SyncAction.PRUNED, "dry run: would prune"));
    }

    private static void skipAll(List<SyncStep> steps, List<ResourceKey> prunes, Run run) {
        steps.forEach(step -> run.report(step.key(), SyncAction.SKIPPED, "not run: an earlier stage failed"));
        prunes.forEach(key -> run.report(key, SyncAction.SKIPPED, "not pruned: an earlier step failed"));
    }

    /** The results of one execution, told to the listener as they come. */
    private static final class Run {
        private final SyncListener listener;
        private final List<ResourceResult> results = new ArrayList<>();

        Run(SyncListener listener) {
            this.listener = listener;
        }

        void report(ResourceKey key, SyncAction action, String message) {
            ResourceResult result = new ResourceResult(key, action, message);
            results.add(result);
            listener.onResource(result);
        }
    }
}

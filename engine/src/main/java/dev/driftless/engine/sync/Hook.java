package dev.driftless.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.Tracking;
import dev.driftless.engine.model.ResourceKey;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A desired object annotated {@value #ANNOTATION}: not a resource of the application but something run at a phase of
 * each sync, such as a migration Job. Hooks are never diffed, never extraneous and never pruned; their completion is
 * their health (a Job Complete or a Pod Succeeded succeeds, Failed fails; kinds without health rules succeed once
 * created). An object listing several phases gives one hook per phase.
 *
 * @param manifest       the object as rendered, namespace assigned, without tracking marks
 * @param phase          when it runs
 * @param wave           its {@code driftless.dev/sync-wave}: orders hooks within a phase, and Sync hooks among the
 *                       objects' waves
 * @param deletePolicies when its object is deleted; {@link HookDeletePolicy#BEFORE_HOOK_CREATION} when none is given
 */
public record Hook(Manifest manifest, HookPhase phase, int wave, Set<HookDeletePolicy> deletePolicies) {

    public static final String ANNOTATION = Tracking.HOOK_ANNOTATION;
    public static final String DELETE_POLICY_ANNOTATION = "driftless.dev/hook-delete-policy";
    /** Label naming the operation that created a hook object: finds what a killed sync left behind. */
    public static final String OPERATION_LABEL = "driftless.dev/operation";

    /** The longest generateName Kubernetes keeps: a name is at most 63 characters, 5 of them random. */
    private static final int MAX_GENERATE_NAME = 58;

    public Hook {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(phase, "phase");
        deletePolicies = Set.copyOf(deletePolicies);
    }

    /** Whether an object, desired or live, is a hook rather than a resource. */
    public static boolean isHook(JsonNode object) {
        return !annotation(object, ANNOTATION).isBlank();
    }

    /** The desired objects that are resources: what the live state is read for and diffed. */
    public static List<Manifest> withoutHooks(List<Manifest> desired) {
        return desired.stream().filter(manifest -> !isHook(manifest.body())).toList();
    }

    /**
     * @throws PlanException for an unknown phase or delete policy, a bad sync wave, or an object with neither
     *                       {@code metadata.name} nor {@code metadata.generateName}
     */
    static List<Hook> parse(Manifest manifest) {
        JsonNode body = manifest.body();
        if (manifest.key().name().isEmpty() && generateNameOf(body).isEmpty()) {
            throw new PlanException("hook " + manifest.key().groupKind() + " from " + manifest.origin()
                    + " sets neither metadata.name nor metadata.generateName");
        }
        Set<HookDeletePolicy> policies = EnumSet.noneOf(HookDeletePolicy.class);
        for (String value : list(manifest, DELETE_POLICY_ANNOTATION)) {
            policies.add(HookDeletePolicy.parse(value).orElseThrow(() -> unknown(manifest, DELETE_POLICY_ANNOTATION,
                    value, "BeforeHookCreation, HookSucceeded, HookFailed")));
        }
        if (policies.isEmpty()) {
            policies.add(HookDeletePolicy.BEFORE_HOOK_CREATION);
        }
        int wave = ApplyOrder.waveOf(manifest);
        List<Hook> hooks = new ArrayList<>();
        for (String value : list(manifest, ANNOTATION)) {
            HookPhase phase = HookPhase.parse(value).orElseThrow(() -> unknown(manifest, ANNOTATION, value,
                    "PreSync, Sync, PostSync, SyncFail"));
            if (hooks.stream().noneMatch(hook -> hook.phase == phase)) {
                hooks.add(new Hook(manifest, phase, wave, policies));
            }
        }
        return hooks;
    }

    /** Whether each run gets a new name from {@code metadata.generateName}. */
    public boolean generatesName() {
        return manifest.key().name().isEmpty();
    }

    /** The key to report the hook under before it has an instance: a generated name shows as its prefix. */
    public ResourceKey displayKey() {
        ResourceKey key = manifest.key();
        return generatesName() ? new ResourceKey(key.group(), key.kind(), key.namespace(), generateNameOf(manifest.body())) : key;
    }

    /**
     * The object to create for one run: named {@code generateName + suffix} when it generates its name, and carrying
     * the tracking annotation (so only this application may delete it) but not the application label (so listing
     * the application's objects never finds it), and labelled with the operation that runs it, if any.
     */
    Manifest instance(String app, String nameSuffix, String operation) {
        ObjectNode body = manifest.body().deepCopy();
        ObjectNode metadata = body.withObjectProperty("metadata");
        if (generatesName()) {
            String prefix = generateNameOf(manifest.body());
            metadata.remove("generateName");
            metadata.put("name", prefix.substring(0, Math.min(prefix.length(), MAX_GENERATE_NAME)) + nameSuffix);
        }
        if (!operation.isEmpty()) {
            metadata.withObjectProperty("labels").put(OPERATION_LABEL, operation);
        }
        return TrackingMarks.markHook(app, manifest.withBody(body));
    }

    /** Key, phase and wave only: the body may hold Secret values. */
    @Override
    public String toString() {
        return phase.annotationValue() + " hook " + displayKey() + " (wave " + wave + ", delete " + deletePolicies + ")";
    }

    /** Whether a live hook object names a delete policy: one without is kept, as Argo CD keeps it. */
    static boolean namesDeletePolicy(JsonNode object) {
        return !annotation(object, DELETE_POLICY_ANNOTATION).isBlank();
    }

    private static String generateNameOf(JsonNode body) {
        return body.path("metadata").path("generateName").asText("");
    }

    private static String annotation(JsonNode object, String name) {
        return object.path("metadata").path("annotations").path(name).asText("");
    }

    private static List<String> list(Manifest manifest, String annotation) {
        String value = annotation(manifest.body(), annotation);
        if (value.isBlank()) {
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        for (String entry : value.split(",", -1)) {
            if (entry.isBlank()) {
                throw new PlanException("annotation " + annotation + " of " + manifest.key() + " from "
                        + manifest.origin() + " has an empty entry: '" + value + "'");
            }
            entries.add(entry.trim());
        }
        return entries;
    }

    private static PlanException unknown(Manifest manifest, String annotation, String value, String allowed) {
        return new PlanException("annotation " + annotation + " of " + manifest.key() + " from " + manifest.origin()
                + " names '" + value + "'; allowed: " + allowed);
    }
}

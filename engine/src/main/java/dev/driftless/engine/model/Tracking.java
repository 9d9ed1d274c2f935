package dev.driftless.engine.model;

/**
 * The label and annotations Driftless writes on every object it applies. They are how Driftless knows which
 * objects it owns: only an object whose tracking annotation names an application may ever be pruned by it.
 */
public final class Tracking {

    /** Label naming the owning application; lets a list call select an application's objects cheaply. */
    public static final String APP_LABEL = "driftless.dev/app";
    /** Annotation {@code <app>:<group>/<Kind>:<namespace>/<name>}; copying an object elsewhere breaks the match, so copies are never pruned. */
    public static final String TRACKING_ANNOTATION = "driftless.dev/tracking-id";
    /** Annotation with the object as Driftless last applied it (Secret values redacted): the base of the three-way merge and of "removed from Git" drift. */
    public static final String LAST_APPLIED_ANNOTATION = "driftless.dev/last-applied";
    /** Annotation ordering the apply; lower waves first, default 0. */
    public static final String SYNC_WAVE_ANNOTATION = "driftless.dev/sync-wave";
    /** Annotation making an object a sync hook (PreSync, Sync, PostSync, SyncFail) rather than a resource. */
    public static final String HOOK_ANNOTATION = "driftless.dev/hook";
    /** Field manager used for server-side apply and recorded in managedFields. */
    public static final String FIELD_MANAGER = "driftless";

    private Tracking() {
    }

    public static String trackingId(String app, ResourceKey key) {
        return app + ":" + key;
    }
}

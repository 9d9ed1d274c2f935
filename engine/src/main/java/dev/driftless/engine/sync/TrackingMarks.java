package dev.driftless.engine.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.diff.LastApplied;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.Tracking;

/**
 * Adds the ownership marks to a desired object: the application label, the tracking annotation and the last-applied
 * record. The record is taken after the label and tracking annotation are set, so a later comparison of the record
 * with the marked desired object does not see them as fields Git removed. Idempotent.
 */
public final class TrackingMarks {

    private TrackingMarks() {
    }

    public static Manifest mark(String app, Manifest manifest) {
        ObjectNode body = manifest.body().deepCopy();
        ObjectNode metadata = body.withObjectProperty("metadata");
        metadata.withObjectProperty("labels").put(Tracking.APP_LABEL, app);
        ObjectNode annotations = metadata.withObjectProperty("annotations");
        annotations.put(Tracking.TRACKING_ANNOTATION, Tracking.trackingId(app, manifest.key()));
        annotations.put(Tracking.LAST_APPLIED_ANNOTATION, LastApplied.record(body));
        return manifest.withBody(body);
    }

    /**
     * Marks a hook's object with the tracking annotation and last-applied record but no application label: a hook is
     * not a resource of the application, so listing the application's objects must not find it, yet only this
     * application may delete it.
     */
    public static Manifest markHook(String app, Manifest manifest) {
        ObjectNode body = manifest.body().deepCopy();
        ObjectNode annotations = body.withObjectProperty("metadata").withObjectProperty("annotations");
        annotations.put(Tracking.TRACKING_ANNOTATION, Tracking.trackingId(app, manifest.key()));
        annotations.put(Tracking.LAST_APPLIED_ANNOTATION, LastApplied.record(body));
        return manifest.withBody(body);
    }
}

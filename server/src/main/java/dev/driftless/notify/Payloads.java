package dev.driftless.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.NotificationTrigger;

/** The request bodies of each channel type. */
final class Payloads {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Payloads() {
    }

    static ObjectNode of(ChannelSpec.Type type, ApplicationSpec application, NotificationEvent event) {
        return switch (type) {
            case WEBHOOK -> webhook(application, event);
            case SLACK -> slack(application, event);
        };
    }

    /** Flat JSON a receiver can route on without parsing text. */
    static ObjectNode webhook(ApplicationSpec application, NotificationEvent event) {
        ObjectNode body = NODES.objectNode();
        body.put("event", TriggerNames.of(event.trigger()));
        body.put("application", event.application());
        body.put("revision", event.revision());
        body.put("message", event.message());
        body.put("time", event.time().toString());
        body.put("project", application.project());
        body.put("cluster", application.destination().cluster());
        body.put("namespace", application.destination().namespace());
        return body;
    }

    /** A Slack incoming-webhook message: a text line, and an attachment coloured by how bad the event is. */
    static ObjectNode slack(ApplicationSpec application, NotificationEvent event) {
        String summary = "Driftless: " + event.application() + " " + headline(event.trigger());
        ObjectNode attachment = NODES.objectNode();
        attachment.put("color", color(event.trigger()));
        attachment.put("title", summary);
        attachment.put("text", event.message());
        ArrayNode fields = attachment.putArray("fields");
        field(fields, "Application", event.application());
        field(fields, "Revision", event.revision().isEmpty() ? "-" : event.revision());
        field(fields, "Project", application.project());
        field(fields, "Destination", application.destination().cluster()
                + (application.destination().namespace().isEmpty() ? "" : "/" + application.destination().namespace()));
        attachment.put("footer", "Driftless");
        attachment.put("ts", event.time().getEpochSecond());
        ObjectNode body = NODES.objectNode();
        body.put("text", summary + (event.message().isEmpty() ? "" : ": " + event.message()));
        body.putArray("attachments").add(attachment);
        return body;
    }

    private static void field(ArrayNode fields, String title, String value) {
        fields.addObject().put("title", title).put("value", value).put("short", true);
    }

    private static String headline(NotificationTrigger trigger) {
        return switch (trigger) {
            case SYNC_SUCCEEDED -> "synced";
            case SYNC_FAILED -> "sync failed";
            case HEALTH_DEGRADED -> "health degraded";
            case DRIFT_DETECTED -> "drifted from Git";
            case DRIFT_REVERTED -> "drift reverted";
        };
    }

    /** Slack's named attachment colours. */
    private static String color(NotificationTrigger trigger) {
        return switch (trigger) {
            case SYNC_SUCCEEDED, DRIFT_REVERTED -> "good";
            case DRIFT_DETECTED -> "warning";
            case SYNC_FAILED, HEALTH_DEGRADED -> "danger";
        };
    }
}

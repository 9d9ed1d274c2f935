package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** The conditions a controller reports, in the shape shared by core kinds and most custom resources. */
record Conditions(List<Condition> all) {

    /** One condition; {@code status} is {@code True}, {@code False} or {@code Unknown}. */
    record Condition(String type, String status, String reason, String message) {

        boolean isTrue() {
            return "True".equals(status);
        }

        boolean isFalse() {
            return "False".equals(status);
        }

        /** {@code reason: message}, or whichever of the two is present. */
        String explanation() {
            if (reason.isEmpty() || message.isEmpty()) {
                return reason + message;
            }
            return reason + ": " + message;
        }
    }

    Conditions {
        all = List.copyOf(all);
    }

    /** Reads {@code status.conditions}. */
    static Conditions of(JsonNode live) {
        return read(Fields.at(live, "status.conditions"), "status.conditions");
    }

    /** Reads a conditions array found at {@code path}, which names it in errors. */
    static Conditions read(JsonNode array, String path) {
        List<JsonNode> elements = Fields.asObjects(array, path);
        return new Conditions(IntStream.range(0, elements.size())
                .mapToObj(i -> condition(elements.get(i), path + "." + i))
                .toList());
    }

    private static Condition condition(JsonNode node, String path) {
        return new Condition(
                Fields.asText(node.path("type"), path + ".type"),
                Fields.asText(node.path("status"), path + ".status"),
                Fields.asText(node.path("reason"), path + ".reason"),
                Fields.asText(node.path("message"), path + ".message"));
    }

    Optional<Condition> get(String type) {
        return all.stream().filter(condition -> condition.type().equals(type)).findFirst();
    }

    boolean isTrue(String type) {
        return get(type).filter(Condition::isTrue).isPresent();
    }

    boolean isEmpty() {
        return all.isEmpty();
    }
}

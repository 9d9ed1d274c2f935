package dev.driftless.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Health of an application or one of its objects, spelled {@code Healthy}, {@code Progressing}, ... on the wire. */
public enum HealthStatus {
    HEALTHY("Healthy"), PROGRESSING("Progressing"), DEGRADED("Degraded"), SUSPENDED("Suspended"),
    MISSING("Missing"), UNKNOWN("Unknown");

    private final String wireName;

    HealthStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** A status a newer server knows and this client does not reads as {@link #UNKNOWN}. */
    @JsonCreator
    static HealthStatus fromWire(String value) {
        return Arrays.stream(values()).filter(status -> status.wireName.equals(value)).findFirst().orElse(UNKNOWN);
    }

    /** Reads what a person typed: the wire name in any case. */
    public static HealthStatus parse(String text) {
        return Arrays.stream(values())
                .filter(status -> status.wireName.equalsIgnoreCase(text))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown health status '" + text + "'; expected one of "
                        + Arrays.stream(values()).map(HealthStatus::wireName).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return wireName;
    }
}

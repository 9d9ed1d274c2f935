package dev.driftless.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Whether an application as a whole matches Git; spelled {@code Synced}, {@code OutOfSync}, {@code Unknown} on the wire. */
public enum SyncStatus {
    SYNCED("Synced"), OUT_OF_SYNC("OutOfSync"), UNKNOWN("Unknown");

    private final String wireName;

    SyncStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** A status a newer server knows and this client does not reads as {@link #UNKNOWN}. */
    @JsonCreator
    static SyncStatus fromWire(String value) {
        return Arrays.stream(values()).filter(status -> status.wireName.equals(value)).findFirst().orElse(UNKNOWN);
    }

    /** Reads what a person typed: the wire name in any case ({@code outofsync}) or the constant name. */
    public static SyncStatus parse(String text) {
        return Arrays.stream(values())
                .filter(status -> status.wireName.equalsIgnoreCase(text) || status.name().equalsIgnoreCase(text))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown sync status '" + text + "'; expected one of "
                        + Arrays.stream(values()).map(SyncStatus::wireName).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return wireName;
    }
}

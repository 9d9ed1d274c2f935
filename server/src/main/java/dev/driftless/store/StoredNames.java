package dev.driftless.store;

/** Checks of the keys rows are stored under. */
final class StoredNames {

    private StoredNames() {
    }

    static String require(String value, String what, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(what + " is longer than " + maxLength + " characters");
        }
        return value;
    }
}

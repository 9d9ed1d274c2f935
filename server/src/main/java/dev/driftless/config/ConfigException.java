package dev.driftless.config;

import java.util.List;
import java.util.stream.Collectors;

/** Configuration that cannot be loaded, with every error found; nothing of it was loaded. */
public final class ConfigException extends RuntimeException {

    private final transient List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }

    private static String summary(List<ConfigError> errors) {
        if (errors.size() == 1) {
            return "Invalid configuration: " + errors.getFirst().message();
        }
        return errors.stream().map(error -> "  - " + error.message())
                .collect(Collectors.joining("\n", "Invalid configuration, " + errors.size() + " errors:\n", ""));
    }
}

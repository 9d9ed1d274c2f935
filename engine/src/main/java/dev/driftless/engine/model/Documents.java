package dev.driftless.engine.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.driftless.kustomize.YamlLimits;

/** The shared, thread-safe Jackson mappers for Kubernetes documents. */
public final class Documents {

    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** Reads within {@link YamlLimits}: no aliases, bounded document size and nesting. */
    public static final YAMLMapper YAML = YAMLMapper.builder(YamlLimits.factory(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)))
            .build();

    private Documents() {
    }
}

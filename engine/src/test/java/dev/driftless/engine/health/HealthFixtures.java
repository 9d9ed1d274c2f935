package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.engine.model.Documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Live objects written the way their controllers write them, from {@code src/test/resources/health}. */
final class HealthFixtures {

    private static final HealthAssessor ASSESSOR = new HealthAssessor();

    private HealthFixtures() {
    }

    static JsonNode load(String fixture) {
        try (InputStream in = HealthFixtures.class.getResourceAsStream("/health/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture health/" + fixture);
            }
            return Documents.YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Health assess(String fixture) {
        return ASSESSOR.assess(load(fixture));
    }
}

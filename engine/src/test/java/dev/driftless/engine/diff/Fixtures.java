package dev.driftless.engine.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.model.Documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the hand-written objects under {@code src/test/resources/diff}. */
final class Fixtures {

    private Fixtures() {
    }

    static ObjectNode load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/diff/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /diff/" + name);
            }
            return (ObjectNode) Documents.YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) Documents.YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

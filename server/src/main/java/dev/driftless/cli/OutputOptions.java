package dev.driftless.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.driftless.engine.model.Documents;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code --output text|json|yaml}, shared by every command. */
final class OutputOptions {

    enum Format { TEXT, JSON, YAML }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    boolean machineReadable() {
        return format != Format.TEXT;
    }

    /** Writes a value as JSON or YAML; only called when {@link #machineReadable()}. */
    void print(PrintWriter out, Object value) {
        write(out, format, value);
    }

    static void write(PrintWriter out, Format format, Object value) {
        try {
            String text = format == Format.YAML
                    ? Documents.YAML.writeValueAsString(value)
                    : Documents.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
            out.print(text);
            if (!text.endsWith("\n")) {
                out.println();
            }
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write output as " + format, e);
        }
    }
}

package dev.driftless.kustomize;

import com.fasterxml.jackson.core.JacksonException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Describes a YAML syntax error by position and reason only. The parser's own message quotes the offending line,
 * which in a Secret's file can be a secret value, so it never reaches an error message.
 */
final class YamlSyntax {

    private YamlSyntax() {
    }

    /** {@code "<file>: YAML syntax error at line L, column C: reason"}. */
    static KustomizeException error(String file, JacksonException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            String context = yaml.getContext() == null ? "" : yaml.getContext() + ": ";
            return new KustomizeException("%s: YAML syntax error at line %d, column %d: %s%s".formatted(
                    file, mark.getLine() + 1, mark.getColumn() + 1, context, yaml.getProblem()), e);
        }
        String where = e.getLocation() == null ? "" : " at line %d, column %d".formatted(
                e.getLocation().getLineNr(), e.getLocation().getColumnNr());
        return new KustomizeException(file + ": YAML syntax error" + where + ": " + e.getOriginalMessage(), e);
    }
}

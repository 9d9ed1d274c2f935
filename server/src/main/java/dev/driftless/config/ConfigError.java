package dev.driftless.config;

/**
 * One thing wrong with declarative configuration.
 *
 * @param file     the file, as found (or {@code repository@revision:path} for configuration from Git)
 * @param document the document in the file, counted from 1; 0 when the problem concerns the whole file
 * @param line     the line the document starts at, or where a syntax error is; 0 when unknown
 * @param path     the field, e.g. {@code spec.source.helm.parameters[1].name}; empty for the whole document
 * @param reason   what is wrong, never quoting a secret
 */
public record ConfigError(String file, int document, int line, String path, String reason) {

    /** E.g. {@code apps/web.yaml (document 2, line 14): spec.destination.cluster: missing required field}. */
    public String message() {
        StringBuilder text = new StringBuilder(file);
        if (document > 0 || line > 0) {
            text.append(" (");
            if (document > 0) {
                text.append("document ").append(document);
            }
            if (line > 0) {
                text.append(document > 0 ? ", " : "").append("line ").append(line);
            }
            text.append(')');
        }
        text.append(": ");
        if (!path.isEmpty()) {
            text.append(path).append(": ");
        }
        return text.append(reason).toString();
    }
}

package dev.driftless.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a document refers to things outside it: files (relative to the document's directory) and environment
 * variables ({@code ${NAME}}, the whole value). Secrets can only come this way, so configuration files can be
 * shared and committed without them.
 *
 * @param baseDirectory the directory relative file names start from; {@code null} for configuration read from
 *                      Git, whose checkout is temporary, so its file references must be absolute
 * @param environment   environment variable lookup, {@code null} for an unset variable
 */
record References(Path baseDirectory, UnaryOperator<String> environment) {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    static boolean isEnvReference(String value) {
        return ENV_REFERENCE.matcher(value).matches();
    }

    /** The value of a {@code ${NAME}} reference, or {@code null} (reported) when the variable is not set. */
    String environmentValue(YamlObject object, String field, String reference) {
        Matcher matcher = ENV_REFERENCE.matcher(reference);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an environment reference");
        }
        String value = environment.apply(matcher.group(1));
        if (value == null || value.isEmpty()) {
            object.problem(field, "environment variable " + matcher.group(1) + " is not set");
            return null;
        }
        return value;
    }

    /** An existing regular file named by a field, or {@code null} (reported). */
    Path file(YamlObject object, String field) {
        String name = object.string(field);
        if (name == null) {
            return null;
        }
        if (name.isBlank()) {
            object.problem(field, "must not be empty");
            return null;
        }
        Path path = name.startsWith("~/") ? Path.of(System.getProperty("user.home"), name.substring(2)) : Path.of(name);
        if (!path.isAbsolute()) {
            if (baseDirectory == null) {
                object.problem(field, "must be an absolute path on the Driftless host here: configuration from "
                        + "Git or the API has no directory of its own, and credentials and kubeconfigs do not belong "
                        + "in Git");
                return null;
            }
            path = baseDirectory.resolve(path);
        }
        path = path.normalize();
        if (!Files.isRegularFile(path)) {
            object.problem(field, "file not found: " + path);
            return null;
        }
        return path;
    }

    /** The content of a secret file without its trailing line break, or {@code null} (reported). */
    String secretFile(YamlObject object, String field) {
        Path path = file(object, field);
        if (path == null) {
            return null;
        }
        try {
            String content = Files.readString(path, StandardCharsets.UTF_8).replaceAll("[\r\n]+$", "");
            if (content.isEmpty()) {
                object.problem(field, "file " + path + " is empty");
                return null;
            }
            return content;
        } catch (IOException e) {
            object.problem(field, "cannot read " + path + ": " + e.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * A secret given as {@code field: ${ENV}} or {@code fieldFile: path}, or {@code null} when neither is given.
     * Plain text is refused: it would end up in Git, backups and screenshots.
     */
    String secret(YamlObject object, String field) {
        String fileField = field + "File";
        boolean inline = object.has(field);
        boolean file = object.has(fileField);
        if (inline && file) {
            object.problem(field, "give either " + field + " or " + fileField + ", not both");
            return null;
        }
        if (file) {
            return secretFile(object, fileField);
        }
        if (!inline) {
            return null;
        }
        String value = object.string(field);
        if (value == null) {
            return null;
        }
        if (!isEnvReference(value)) {
            object.problem(field, "secrets must not be written inline; use " + fileField
                    + " or an environment reference such as ${" + envExample(field) + "}");
            return null;
        }
        return environmentValue(object, field, value);
    }

    private static String envExample(String field) {
        return "DRIFTLESS_" + field.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}

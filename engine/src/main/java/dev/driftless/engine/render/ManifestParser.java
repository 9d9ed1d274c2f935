package dev.driftless.engine.render;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.Tracking;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns rendered text (a YAML stream or JSON values) into manifests, shared by every renderer.
 *
 * <p>Documents are counted from 1 and every document counts, empty ones included, so {@code apps/web.yaml#3} is
 * the third document of the file however many of the earlier ones were empty. Empty documents ({@code ---} or
 * only comments, or an explicit {@code null}) are skipped. {@code kind: List} (and any {@code *List} kind with {@code items})
 * is flattened as kubectl does; an item's origin is {@code apps/list.yaml#1.items[0]}. Every object needs
 * apiVersion, kind and metadata.name.
 *
 * <p>Syntax errors name the file, line and column and the parser's reason but never quote the offending line,
 * which could hold a Secret value.
 */
public final class ManifestParser {

    private static final Pattern HELM_SOURCE_COMMENT = Pattern.compile("^# Source: (.+?)\\s*$", Pattern.MULTILINE);

    private ManifestParser() {
    }

    /** The manifests of a YAML stream read from the repository-relative {@code file}. */
    public static List<Manifest> parseYaml(String text, String file) throws RenderException {
        return fromStream(Documents.YAML, text, file);
    }

    /** The manifests of a JSON file: one value, or several one after the other. */
    public static List<Manifest> parseJson(String text, String file) throws RenderException {
        return fromStream(Documents.JSON, text, file);
    }

    /**
     * The manifests of {@code helm template} output. Each document's origin is the template named by the
     * {@code # Source:} comment above it, mapped to a repository file by {@code sourceToFile}, and its index counts
     * the documents of that template; documents without such a comment are counted in {@code streamName}.
     */
    public static List<Manifest> parseHelmOutput(String text, String streamName, UnaryOperator<String> sourceToFile)
            throws RenderException {
        TreeMap<Integer, String> sourceByLine = new TreeMap<>();
        Matcher matcher = HELM_SOURCE_COMMENT.matcher(text);
        int line = 1;
        int counted = 0;
        while (matcher.find()) {
            line += newlines(text, counted, matcher.start());
            counted = matcher.start();
            sourceByLine.put(line, sourceToFile.apply(matcher.group(1)));
        }
        Map<String, Integer> documentsPerFile = new TreeMap<>();
        List<Manifest> manifests = new ArrayList<>();
        for (Document document : documents(Documents.YAML, text, streamName)) {
            Map.Entry<Integer, String> source = sourceByLine.lowerEntry(document.line());
            String file = source == null ? streamName : source.getValue();
            int index = documentsPerFile.merge(file, 1, Integer::sum);
            String where = file + ", document " + index + " as rendered by Helm";
            addObjects(document.node(), file + "#" + index, where, manifests);
        }
        return manifests;
    }

    private static List<Manifest> fromStream(ObjectMapper mapper, String text, String file) throws RenderException {
        List<Manifest> manifests = new ArrayList<>();
        for (Document document : documents(mapper, text, file)) {
            String where = file + ", document " + document.index() + " (line " + document.line() + ")";
            addObjects(document.node(), file + "#" + document.index(), where, manifests);
        }
        return manifests;
    }

    /** One document of a stream, numbered from 1, with the line of its first token. */
    private record Document(int index, int line, JsonNode node) {
    }

    private static List<Document> documents(ObjectMapper mapper, String text, String file) throws RenderException {
        List<Document> documents = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(text)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            while (parser.nextToken() != null) {
                int line = parser.currentTokenLocation().getLineNr();
                documents.add(new Document(documents.size() + 1, line, mapper.readTree(parser)));
            }
        } catch (StreamReadException e) {
            throw syntaxError(file, e);
        } catch (IOException e) {
            throw new RenderException(file + ": cannot be parsed: " + e.getMessage(), e);
        }
        return documents;
    }

    private static RenderException syntaxError(String file, StreamReadException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            String context = yaml.getContext() == null ? "" : yaml.getContext() + ": ";
            return new RenderException("%s: YAML syntax error at line %d, column %d: %s%s".formatted(
                    file, mark.getLine() + 1, mark.getColumn() + 1, context, yaml.getProblem()), e);
        }
        JsonLocation location = e.getLocation();
        String at = location == null ? "" : " at line %d, column %d".formatted(location.getLineNr(), location.getColumnNr());
        return new RenderException(file + ": syntax error" + at + ": " + e.getOriginalMessage(), e);
    }

    private static void addObjects(JsonNode node, String origin, String where, List<Manifest> into)
            throws RenderException {
        if (isEmptyDocument(node)) {
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            throw new RenderException(where + ": a Kubernetes object must be a mapping, found " + describe(node));
        }
        requireText(object, "apiVersion", where);
        requireText(object, "kind", where);
        if (isList(object)) {
            JsonNode items = object.get("items");
            for (int i = 0; i < items.size(); i++) {
                addObjects(items.get(i), origin + ".items[" + i + "]", where + ", items[" + i + "]", into);
            }
            return;
        }
        if (!object.path("metadata").isObject()) {
            throw new RenderException(where + ": missing required field 'metadata' (a mapping with 'name')");
        }
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        if (isHookWithGeneratedName(metadata)) {
            requireText(metadata, "generateName", where, "metadata.generateName");
        } else {
            requireText(metadata, "name", where, "metadata.name");
        }
        into.add(Manifest.of(object, origin));
    }

    /** A sync hook may name itself with generateName alone: every run creates a new object. */
    private static boolean isHookWithGeneratedName(ObjectNode metadata) {
        return metadata.path("annotations").has(Tracking.HOOK_ANNOTATION) && !metadata.has("name")
                && metadata.has("generateName");
    }

    /** The shared YAML mapper reads a document with no content as an empty string rather than null. */
    private static boolean isEmptyDocument(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || (node.isTextual() && node.asText().isEmpty());
    }

    private static boolean isList(ObjectNode object) {
        return object.get("kind").asText().endsWith("List") && object.path("items").isArray();
    }

    private static void requireText(ObjectNode object, String field, String where) throws RenderException {
        requireText(object, field, where, field);
    }

    private static void requireText(ObjectNode object, String field, String where, String path) throws RenderException {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw new RenderException(where + ": missing required field '" + path + "'");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new RenderException(where + ": field '" + path + "' must be a non-empty string");
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a sequence";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    private static int newlines(String text, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}

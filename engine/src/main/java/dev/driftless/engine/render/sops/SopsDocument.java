package dev.driftless.engine.render.sops;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SOPS document split into its content and its {@code sops} metadata, read from and written to each
 * {@link SopsFormat} as SOPS's stores do. Dotenv files keep the metadata flattened into {@code sops_} keys
 * ({@code sops_age__list_0__map_recipient}); they are unflattened here.
 *
 * @param tree     the document without its metadata, values still encrypted until {@link SopsDecryption} ran
 * @param metadata the {@code sops} mapping
 */
record SopsDocument(ObjectNode tree, ObjectNode metadata) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();
    private static final String METADATA_KEY = "sops";
    private static final String DOTENV_METADATA_PREFIX = "sops_";
    private static final Pattern FLATTENED_STEP = Pattern.compile("__(list|map)_((?:(?!__(?:list|map)_).)+)");

    /**
     * @param file names the file in messages
     * @throws SopsException when the content is not a document of the format or has no {@code sops} mapping
     */
    static SopsDocument read(String file, SopsFormat format, byte[] content) {
        ObjectNode document = switch (format) {
            case YAML -> yaml(file, content);
            case JSON, BINARY -> json(file, content);
            case DOTENV -> dotenv(content);
        };
        if (!(document.remove(METADATA_KEY) instanceof ObjectNode metadata)) {
            throw new SopsException(file + ": looks SOPS-encrypted but has no 'sops' metadata mapping");
        }
        return new SopsDocument(document, metadata);
    }

    /** Names the keys only: after decryption the tree holds plaintext. */
    @Override
    public String toString() {
        return "SopsDocument[keys=" + tree.properties().stream().map(Map.Entry::getKey).toList() + "]";
    }

    /** The decrypted content in a format, without metadata; a binary file is the text of its {@code data} key. */
    static byte[] write(String file, SopsFormat format, ObjectNode tree) {
        try {
            return switch (format) {
                case YAML -> YAML.writeValueAsBytes(tree);
                case JSON -> JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
                case DOTENV -> dotenvText(tree).getBytes(StandardCharsets.UTF_8);
                case BINARY -> binaryData(file, tree);
            };
        } catch (IOException e) {
            throw new SopsException(file + ": the decrypted document cannot be written as " + format, e);
        }
    }

    private static ObjectNode yaml(String file, byte[] content) {
        List<JsonNode> documents = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).readValues(content)) {
            while (values.hasNextValue()) {
                JsonNode document = (JsonNode) values.nextValue();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new SopsException(file + ": not valid YAML" + location(e));
        }
        if (documents.size() != 1) {
            throw new SopsException(file + ": holds " + documents.size() + " YAML documents; SOPS files of several"
                    + " documents are not supported");
        }
        if (!(documents.getFirst() instanceof ObjectNode object)) {
            throw new SopsException(file + ": a SOPS YAML document must be a mapping");
        }
        return object;
    }

    private static ObjectNode json(String file, byte[] content) {
        try {
            if (JSON.readTree(content) instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            throw new SopsException(file + ": not valid JSON" + location(e));
        }
        throw new SopsException(file + ": a SOPS JSON document must be an object");
    }

    /** Only where the parser stopped: its message may quote the content. */
    private static String location(Exception e) {
        if (e instanceof JacksonException jackson && jackson.getLocation() != null) {
            return " (line " + jackson.getLocation().getLineNr() + ")";
        }
        return "";
    }

    private static ObjectNode dotenv(byte[] content) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        ObjectNode metadata = document.putObject(METADATA_KEY);
        for (String line : new String(content, StandardCharsets.UTF_8).lines().toList()) {
            int equals = line.indexOf('=');
            if (line.isBlank() || line.stripLeading().startsWith("#") || equals < 0) {
                continue;
            }
            String key = line.substring(0, equals);
            String value = line.substring(equals + 1).replace("\\n", "\n");
            if (key.startsWith(DOTENV_METADATA_PREFIX)) {
                unflatten(metadata, key.substring(DOTENV_METADATA_PREFIX.length()), value);
            } else {
                document.put(key, value);
            }
        }
        return document;
    }

    /** Puts {@code age__list_0__map_recipient=v} as {@code age: [{recipient: v}]}. */
    private static void unflatten(ObjectNode metadata, String flattened, String value) {
        Matcher steps = FLATTENED_STEP.matcher(flattened);
        int firstStep = steps.find() ? steps.start() : flattened.length();
        JsonNode container = metadata;
        String key = flattened.substring(0, firstStep);
        steps.reset();
        while (steps.find()) {
            boolean list = steps.group(1).equals("list");
            JsonNode child = child(container, key, list);
            container = child;
            key = steps.group(2);
        }
        if (container instanceof ObjectNode object) {
            object.put(key, value);
        } else if (container instanceof ArrayNode array) {
            int index = Integer.parseInt(key);
            while (array.size() <= index) {
                array.addNull();
            }
            array.set(index, JsonNodeFactory.instance.textNode(value));
        }
    }

    /** The list or mapping under a key of a mapping, or at an index of a list, created when missing. */
    private static JsonNode child(JsonNode container, String key, boolean list) {
        JsonNode existing = container instanceof ArrayNode array
                ? (Integer.parseInt(key) < array.size() ? array.get(Integer.parseInt(key)) : null)
                : container.get(key);
        if (existing != null && !existing.isNull()) {
            return existing;
        }
        JsonNode created = list ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
        if (container instanceof ArrayNode array) {
            int index = Integer.parseInt(key);
            while (array.size() <= index) {
                array.addNull();
            }
            array.set(index, created);
        } else {
            ((ObjectNode) container).set(key, created);
        }
        return created;
    }

    private static String dotenvText(ObjectNode tree) {
        StringBuilder text = new StringBuilder();
        tree.properties().forEach(entry -> text.append(entry.getKey()).append('=')
                .append(entry.getValue().asText().replace("\n", "\\n")).append('\n'));
        return text.toString();
    }

    private static byte[] binaryData(String file, ObjectNode tree) {
        JsonNode data = tree.get("data");
        if (data == null || !data.isTextual()) {
            throw new SopsException(file + ": a SOPS binary document must hold its content as the string 'data'");
        }
        return data.asText().getBytes(StandardCharsets.UTF_8);
    }
}

package dev.driftless.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.IgnoreDifference;
import dev.driftless.engine.app.SyncPolicy;
import dev.driftless.engine.app.SyncWindow;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.render.RenderOptions;
import dev.driftless.notify.TriggerNames;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes definitions back as the documents {@link ConfigLoader} reads, so that the API stores and returns them in
 * the form users write: {@code ConfigLoader.readApplication(toYaml(spec))} equals {@code spec}. Defaults are left
 * out, and map entries are sorted so the same definition always gives the same text.
 */
public final class ConfigWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Multi-line Helm values read better as literal blocks than as one quoted line. */
    private static final YAMLMapper YAML = Documents.YAML.copy().configure(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE, true);

    private ConfigWriter() {
    }

    public static String toYaml(ApplicationSpec application) {
        try {
            return YAML.writeValueAsString(toTree(application));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings, numbers and booleans always serialises", e);
        }
    }

    /** The document as a tree, for the API's JSON form. */
    public static ObjectNode toTree(ApplicationSpec application) {
        ObjectNode document = NODES.objectNode();
        document.put("apiVersion", DocumentReader.API_VERSION);
        document.put("kind", "Application");
        ObjectNode metadata = document.putObject("metadata");
        metadata.put("name", application.name());
        putMap(metadata, "labels", application.labels());
        ObjectNode spec = document.putObject("spec");
        spec.put("project", application.project());
        spec.set("source", source(application));
        ObjectNode destination = spec.putObject("destination");
        destination.put("cluster", application.destination().cluster());
        putText(destination, "namespace", application.destination().namespace());
        ObjectNode syncPolicy = syncPolicy(application.syncPolicy());
        if (!syncPolicy.isEmpty()) {
            spec.set("syncPolicy", syncPolicy);
        }
        if (!application.ignoreDifferences().isEmpty()) {
            ArrayNode ignored = spec.putArray("ignoreDifferences");
            application.ignoreDifferences().forEach(ignore -> ignored.add(ignoreDifference(ignore)));
        }
        if (!application.notifyOn().isEmpty()) {
            ArrayNode on = spec.putObject("notifications").putArray("on");
            application.notifyOn().stream().sorted().map(TriggerNames::of).forEach(on::add);
        }
        return document;
    }

    private static ObjectNode source(ApplicationSpec application) {
        ObjectNode source = NODES.objectNode();
        source.put("repoURL", application.source().repoUrl());
        source.put("targetRevision", application.source().revision());
        putText(source, "path", application.source().path());
        switch (application.source().render()) {
            case RenderOptions.Directory directory -> {
                if (!directory.equals(RenderOptions.Directory.defaults())) {
                    ObjectNode node = source.putObject("directory");
                    node.put("recurse", directory.recursive());
                    putList(node, "include", directory.include());
                    putList(node, "exclude", directory.exclude());
                }
            }
            case RenderOptions.Kustomize kustomize -> {
                ObjectNode node = source.putObject("kustomize");
                if (kustomize.allowRemoteBases()) {
                    node.put("allowRemoteBases", true);
                }
            }
            case RenderOptions.Helm helm -> {
                ObjectNode node = source.putObject("helm");
                node.put("releaseName", helm.releaseName());
                putList(node, "valueFiles", helm.valueFiles());
                putText(node, "values", helm.inlineValues());
                if (!helm.set().isEmpty()) {
                    ArrayNode parameters = node.putArray("parameters");
                    new TreeMap<>(helm.set()).forEach((name, value) ->
                            parameters.addObject().put("name", name).put("value", value));
                }
            }
            case RenderOptions.Plugin plugin -> {
                ObjectNode node = source.putObject("plugin");
                putList(node, "command", plugin.command());
                putMap(node, "env", plugin.env());
                node.put("timeoutSeconds", plugin.timeout().toSeconds());
            }
        }
        return source;
    }

    private static ObjectNode syncPolicy(SyncPolicy policy) {
        ObjectNode node = NODES.objectNode();
        if (policy.automated() || policy.prune() || policy.selfHeal() || policy.allowEmpty()) {
            ObjectNode automated = node.putObject("automated");
            if (!policy.automated()) {
                automated.put("enabled", false);
            }
            automated.put("prune", policy.prune());
            automated.put("selfHeal", policy.selfHeal());
            automated.put("allowEmpty", policy.allowEmpty());
        }
        if (policy.createNamespace()) {
            node.putArray("syncOptions").add(DocumentReader.CREATE_NAMESPACE + "=true");
        }
        if (!policy.retry().equals(SyncPolicy.Retry.defaults())) {
            ObjectNode retry = node.putObject("retry");
            retry.put("limit", policy.retry().limit());
            ObjectNode backoff = retry.putObject("backoff");
            backoff.put("duration", Durations.format(policy.retry().backoff()));
            backoff.put("factor", policy.retry().factor());
            backoff.put("maxDuration", Durations.format(policy.retry().maxBackoff()));
        }
        if (!policy.windows().isEmpty()) {
            ArrayNode windows = node.putArray("syncWindows");
            policy.windows().forEach(window -> windows.add(syncWindow(window)));
        }
        return node;
    }

    private static ObjectNode syncWindow(SyncWindow window) {
        ObjectNode node = NODES.objectNode();
        node.put("kind", window.kind().name().toLowerCase(Locale.ROOT));
        node.put("schedule", window.schedule());
        node.put("duration", Durations.format(window.duration()));
        putList(node, "applications", window.applications());
        putList(node, "clusters", window.clusters());
        if (window.manualSync()) {
            node.put("manualSync", true);
        }
        return node;
    }

    private static ObjectNode ignoreDifference(IgnoreDifference ignore) {
        ObjectNode node = NODES.objectNode();
        putText(node, "group", ignore.group());
        node.put("kind", ignore.kind());
        putText(node, "name", ignore.name());
        putText(node, "namespace", ignore.namespace());
        putList(node, "jsonPointers", ignore.jsonPointers());
        return node;
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }

    private static void putList(ObjectNode node, String field, Collection<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = node.putArray(field);
            values.forEach(array::add);
        }
    }

    private static void putMap(ObjectNode node, String field, Map<String, String> values) {
        if (!values.isEmpty()) {
            ObjectNode map = node.putObject(field);
            new TreeMap<>(values).forEach(map::put);
        }
    }
}

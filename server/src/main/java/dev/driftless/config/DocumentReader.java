package dev.driftless.config;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.ClusterSpec;
import dev.driftless.engine.app.DestinationSpec;
import dev.driftless.engine.app.IgnoreDifference;
import dev.driftless.engine.app.NotificationTrigger;
import dev.driftless.engine.app.ProjectKeys;
import dev.driftless.engine.app.ProjectSpec;
import dev.driftless.engine.app.RepositorySpec;
import dev.driftless.engine.app.SourceSpec;
import dev.driftless.engine.app.SyncPolicy;
import dev.driftless.engine.app.SyncWindow;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.render.RenderOptions;
import dev.driftless.engine.source.GitCredentials;
import dev.driftless.notify.ChannelSpec;
import dev.driftless.notify.TriggerNames;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one configuration document into its declaration, reporting every problem to {@link Problems}. The shape
 * follows Argo CD's Application where the two overlap, so its users recognise it.
 */
final class DocumentReader {

    static final String API_VERSION = "driftless.dev/v1alpha1";
    static final Duration DEFAULT_PLUGIN_TIMEOUT = Duration.ofSeconds(60);
    static final String CREATE_NAMESPACE = "CreateNamespace";

    private static final List<String> KINDS = List.of("Application", "Cluster", "Repository", "NotificationChannel",
            "Project");
    /** Names end up in label values and resource names, so they follow DNS-1123 label rules. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/@]*:[^/@]*@.*");
    private static final CronDefinition CRON = CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);

    private final Problems problems;
    private final References references;

    DocumentReader(Problems problems, References references) {
        this.problems = problems;
        this.references = references;
    }

    /** The declaration, or {@code null} when the document has errors (all of them reported). */
    Declared read(JsonNode document) {
        YamlObject root = YamlObject.root(document, problems);
        if (root == null) {
            return null;
        }
        String apiVersion = root.requiredString("apiVersion");
        String kind = root.requiredString("kind");
        if (apiVersion != null && !apiVersion.equals(API_VERSION)) {
            root.problem("apiVersion", "unknown apiVersion '" + apiVersion + "'; expected " + API_VERSION);
        }
        if (kind != null && !KINDS.contains(kind)) {
            root.problem("kind", "unknown kind '" + kind + "'; expected one of " + String.join(", ", KINDS));
        }
        if (problems.any()) {
            problems.skipUnknownFields();
            return null;
        }
        YamlObject metadata = root.requiredObject("metadata");
        YamlObject spec = root.requiredObject("spec");
        if (metadata == null || spec == null) {
            return null;
        }
        Declared.Origin origin = new Declared.Origin(problems.file(), problems.document(), problems.line());
        return switch (kind) {
            case "Application" -> application(metadata, spec, origin);
            case "Cluster" -> cluster(metadata, spec, origin);
            case "Repository" -> repository(metadata, spec, origin);
            case "Project" -> project(metadata, spec, origin);
            default -> channel(metadata, spec, origin);
        };
    }

    private String name(YamlObject metadata) {
        String name = metadata.requiredString("name");
        if (name != null && !NAME.matcher(name).matches()) {
            metadata.problem("name", "'" + name + "' is not a valid name: at most 63 lower-case letters, digits "
                    + "and '-', starting and ending with a letter or digit");
            return null;
        }
        return name;
    }

    private Declared application(YamlObject metadata, YamlObject spec, Declared.Origin origin) {
        String name = name(metadata);
        Map<String, String> labels = metadata.stringMap("labels");
        String project = spec.string("project");
        DestinationSpec destination = destination(spec.requiredObject("destination"));
        SourceSpec source = source(spec.requiredObject("source"), name, destination);
        SyncPolicy syncPolicy = syncPolicy(spec.object("syncPolicy"));
        List<IgnoreDifference> ignoreDifferences = spec.objects("ignoreDifferences").stream()
                .map(this::ignoreDifference).toList();
        Set<NotificationTrigger> notifyOn = notifications(spec.object("notifications"));
        if (problems.any()) {
            return null;
        }
        return new Declared.Application(new ApplicationSpec(name, project, labels, source, destination, syncPolicy,
                ignoreDifferences, notifyOn), origin);
    }

    private DestinationSpec destination(YamlObject destination) {
        if (destination == null) {
            return null;
        }
        String cluster = destination.requiredString("cluster");
        String namespace = destination.string("namespace");
        return cluster == null ? null : new DestinationSpec(cluster, namespace);
    }

    private SourceSpec source(YamlObject source, String applicationName, DestinationSpec destination) {
        if (source == null) {
            return null;
        }
        String repoUrl = source.requiredString("repoURL");
        if (repoUrl != null && PASSWORD_IN_URL.matcher(repoUrl).matches()) {
            source.problem("repoURL", "must not hold a password; declare a Repository with credentials instead");
        }
        String revision = source.string("targetRevision");
        String path = source.string("path");
        if (path != null && (path.startsWith("/") || List.of(path.split("/")).contains(".."))) {
            source.problem("path", "must be a path inside the repository, without a leading '/' or '..'");
        }
        RenderOptions render = render(source, applicationName, destination);
        if (problems.any()) {
            return null;
        }
        return new SourceSpec(repoUrl, revision, path, render);
    }

    private RenderOptions render(YamlObject source, String applicationName, DestinationSpec destination) {
        List<String> given = List.of("directory", "kustomize", "helm", "plugin").stream().filter(source::has).toList();
        if (given.size() > 1) {
            source.problem(given.get(1), "give only one of directory, kustomize, helm and plugin; "
                    + given.getFirst() + " is given too");
        }
        YamlObject directory = source.object("directory");
        YamlObject kustomize = source.object("kustomize");
        YamlObject helm = source.object("helm");
        YamlObject plugin = source.object("plugin");
        List<RenderOptions> options = new ArrayList<>();
        if (kustomize != null) {
            options.add(kustomize(kustomize));
        }
        if (helm != null) {
            options.add(helm(helm, applicationName, destination));
        }
        if (plugin != null) {
            options.add(plugin(plugin));
        }
        if (directory != null) {
            options.add(new RenderOptions.Directory(directory.bool("recurse", false),
                    directory.strings("include", true), directory.strings("exclude", true)));
        }
        return options.isEmpty() ? null : options.getFirst();
    }

    private RenderOptions kustomize(YamlObject kustomize) {
        return new RenderOptions.Kustomize(kustomize.bool("allowRemoteBases", false));
    }

    private RenderOptions helm(YamlObject helm, String applicationName, DestinationSpec destination) {
        String releaseName = helm.string("releaseName");
        List<String> valueFiles = helm.strings("valueFiles", false);
        String values = helmValues(helm);
        Map<String, String> set = new LinkedHashMap<>();
        for (YamlObject parameter : helm.objects("parameters")) {
            String key = parameter.requiredString("name");
            String value = parameter.string("value");
            if (key != null && set.put(key, value == null ? "" : value) != null) {
                parameter.problem("name", "parameter '" + key + "' is given twice");
            }
        }
        String release = releaseName == null || releaseName.isBlank() ? applicationName : releaseName;
        return new RenderOptions.Helm(release, destination == null ? "" : destination.namespace(), valueFiles,
                values, set);
    }

    /** Values as Argo CD takes them: a YAML string, or (more readable) a mapping kept as YAML text. */
    private static String helmValues(YamlObject helm) {
        JsonNode values = helm.value("values");
        if (values == null) {
            return "";
        }
        if (values.isTextual()) {
            return values.textValue();
        }
        if (!values.isObject()) {
            helm.problem("values", "expected a YAML string or a mapping");
            return "";
        }
        try {
            return Documents.YAML.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always serialises", e);
        }
    }

    private RenderOptions plugin(YamlObject plugin) {
        boolean commandGiven = plugin.has("command");
        List<String> command = plugin.strings("command", false);
        if (!commandGiven || command.isEmpty()) {
            plugin.problem("command", commandGiven ? "must not be empty" : "missing required field");
        }
        Map<String, String> env = plugin.stringMap("env");
        Integer timeoutSeconds = plugin.integer("timeoutSeconds");
        if (timeoutSeconds != null && timeoutSeconds <= 0) {
            plugin.problem("timeoutSeconds", "must be positive, got " + timeoutSeconds);
        }
        if (problems.any()) {
            return null;
        }
        return new RenderOptions.Plugin(command, env,
                timeoutSeconds == null ? DEFAULT_PLUGIN_TIMEOUT : Duration.ofSeconds(timeoutSeconds));
    }

    private SyncPolicy syncPolicy(YamlObject policy) {
        if (policy == null) {
            return null;
        }
        YamlObject automated = policy.object("automated");
        boolean enabled = automated != null && automated.bool("enabled", true);
        boolean prune = automated != null && automated.bool("prune", false);
        boolean selfHeal = automated != null && automated.bool("selfHeal", false);
        boolean allowEmpty = automated != null && automated.bool("allowEmpty", false);
        boolean createNamespace = createNamespace(policy);
        SyncPolicy.Retry retry = retry(policy.object("retry"));
        List<SyncWindow> windows = policy.objects("syncWindows").stream().map(this::syncWindow).toList();
        if (problems.any()) {
            return null;
        }
        return new SyncPolicy(enabled, prune, selfHeal, allowEmpty, createNamespace, retry, windows);
    }

    private static boolean createNamespace(YamlObject policy) {
        boolean createNamespace = false;
        List<String> options = policy.strings("syncOptions", false);
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            if (option.equals(CREATE_NAMESPACE + "=true") || option.equals(CREATE_NAMESPACE + "=false")) {
                createNamespace = option.endsWith("=true");
            } else {
                policy.problem("syncOptions[" + i + "]", "unsupported sync option '" + option
                        + "'; supported: CreateNamespace=true, CreateNamespace=false");
            }
        }
        return createNamespace;
    }

    private SyncPolicy.Retry retry(YamlObject retry) {
        if (retry == null) {
            return null;
        }
        SyncPolicy.Retry defaults = SyncPolicy.Retry.defaults();
        Integer limit = retry.integer("limit");
        if (limit != null && limit < 0) {
            retry.problem("limit", "must not be negative, got " + limit);
        }
        YamlObject backoff = retry.object("backoff");
        Duration duration = backoff == null ? null : duration(backoff, "duration", false);
        Double factor = backoff == null ? null : backoff.number("factor");
        Duration maxDuration = backoff == null ? null : duration(backoff, "maxDuration", false);
        if (factor != null && factor < 1) {
            backoff.problem("factor", "must be at least 1, got " + factor);
        }
        if (problems.any()) {
            return null;
        }
        return new SyncPolicy.Retry(limit == null ? defaults.limit() : limit,
                duration == null ? defaults.backoff() : duration,
                factor == null ? defaults.factor() : factor,
                maxDuration == null ? defaults.maxBackoff() : maxDuration);
    }

    private SyncWindow syncWindow(YamlObject window) {
        String kind = window.requiredString("kind");
        SyncWindow.Kind windowKind = null;
        if (kind != null) {
            if (kind.equals("allow") || kind.equals("deny")) {
                windowKind = SyncWindow.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
            } else {
                window.problem("kind", "expected allow or deny, got '" + kind + "'");
            }
        }
        String schedule = window.requiredString("schedule");
        if (schedule != null) {
            try {
                new CronParser(CRON).parse(schedule).validate();
            } catch (IllegalArgumentException e) {
                window.problem("schedule", "'" + schedule + "' is not a cron schedule of five fields "
                        + "(minute hour day-of-month month day-of-week): " + e.getMessage());
            }
        }
        Duration duration = duration(window, "duration", true);
        List<String> applications = window.strings("applications", false);
        List<String> clusters = window.strings("clusters", false);
        boolean manualSync = window.bool("manualSync", false);
        if (problems.any()) {
            return null;
        }
        return new SyncWindow(windowKind, schedule, duration, applications, clusters, manualSync);
    }

    private static Duration duration(YamlObject object, String field, boolean required) {
        String text = required ? object.requiredString(field) : object.string(field);
        if (text == null) {
            return null;
        }
        Duration duration = Durations.parse(text);
        if (duration == null || duration.isZero()) {
            object.problem(field, "'" + text + "' is not a positive duration such as 30s, 5m, 1h or 1h30m");
            return null;
        }
        return duration;
    }

    private IgnoreDifference ignoreDifference(YamlObject ignore) {
        String group = ignore.string("group");
        String kind = ignore.requiredString("kind");
        String name = ignore.string("name");
        String namespace = ignore.string("namespace");
        boolean pointersGiven = ignore.has("jsonPointers");
        List<String> pointers = ignore.strings("jsonPointers", false);
        if (!pointersGiven || pointers.isEmpty()) {
            ignore.problem("jsonPointers", pointersGiven ? "must not be empty" : "missing required field");
        }
        for (int i = 0; i < pointers.size(); i++) {
            if (!pointers.get(i).startsWith("/")) {
                ignore.problem("jsonPointers[" + i + "]", "'" + pointers.get(i)
                        + "' is not a JSON pointer; pointers start with '/', e.g. /spec/replicas");
            }
        }
        if (problems.any()) {
            return null;
        }
        return new IgnoreDifference(group, kind, name, namespace, pointers);
    }

    private static Set<NotificationTrigger> notifications(YamlObject notifications) {
        if (notifications == null) {
            return Set.of();
        }
        Set<NotificationTrigger> triggers = new LinkedHashSet<>();
        List<String> names = notifications.strings("on", false);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            TriggerNames.parse(name).ifPresentOrElse(triggers::add, () -> notifications.problem("on",
                    "unknown trigger '" + name + "'; expected one of " + TriggerNames.all()));
        }
        return triggers;
    }

    private Declared cluster(YamlObject metadata, YamlObject spec, Declared.Origin origin) {
        String name = name(metadata);
        problems.declaresCluster(name);
        Map<String, String> labels = metadata.stringMap("labels");
        if (!spec.has("kubeconfig")) {
            spec.problem("kubeconfig", "missing required field");
        }
        Path kubeconfig = references.file(spec, "kubeconfig");
        String context = spec.string("context");
        if (problems.any()) {
            return null;
        }
        return new Declared.Cluster(new ClusterSpec(name, kubeconfig, context, labels, false), origin);
    }

    private Declared repository(YamlObject metadata, YamlObject spec, Declared.Origin origin) {
        String name = name(metadata);
        String url = spec.requiredString("url");
        if (url != null && PASSWORD_IN_URL.matcher(url).matches()) {
            spec.problem("url", "must not hold a password; use passwordFile or an environment reference");
        }
        GitCredentials credentials = credentials(spec, url);
        if (problems.any()) {
            return null;
        }
        return new Declared.Repository(name, new RepositorySpec(url, credentials), origin);
    }

    private GitCredentials credentials(YamlObject spec, String url) {
        String username = spec.string("username");
        String password = references.secret(spec, "password");
        String token = references.secret(spec, "token");
        Path privateKey = references.file(spec, "sshPrivateKeyFile");
        Path knownHosts = references.file(spec, "knownHostsFile");
        boolean insecure = spec.bool("insecureIgnoreHostKey", false);
        List<String> kinds = List.of("password", "passwordFile", "token", "tokenFile", "sshPrivateKeyFile").stream()
                .filter(spec::has).toList();
        boolean passwordGiven = spec.has("password") || spec.has("passwordFile");
        boolean tokenGiven = spec.has("token") || spec.has("tokenFile");
        boolean keyGiven = spec.has("sshPrivateKeyFile");
        if ((passwordGiven ? 1 : 0) + (tokenGiven ? 1 : 0) + (keyGiven ? 1 : 0) > 1) {
            spec.problem(kinds.getLast(), "give only one kind of credentials: a password, a token or an SSH "
                    + "private key; " + String.join(" and ", kinds) + " are given");
            return null;
        }
        if (passwordGiven && username == null) {
            spec.problem("username", "missing required field: a password needs a user name");
        }
        if (!passwordGiven && username != null) {
            spec.problem("username", "a user name needs a password (passwordFile or password: ${ENV})");
        }
        if (!keyGiven && (spec.has("knownHostsFile") || insecure)) {
            spec.problem(spec.has("knownHostsFile") ? "knownHostsFile" : "insecureIgnoreHostKey",
                    "only applies with sshPrivateKeyFile");
        }
        if (keyGiven && url != null && (url.startsWith("http://") || url.startsWith("https://"))) {
            spec.problem("sshPrivateKeyFile", "an SSH key needs an SSH URL such as git@host:org/ or ssh://host/");
        }
        if (problems.any()) {
            return null;
        }
        if (password != null) {
            return new GitCredentials.Basic(username, password);
        }
        if (token != null) {
            return new GitCredentials.Token(token);
        }
        if (privateKey != null) {
            return new GitCredentials.SshKey(privateKey, null, knownHosts, insecure);
        }
        return new GitCredentials.None();
    }

    private Declared channel(YamlObject metadata, YamlObject spec, Declared.Origin origin) {
        String name = name(metadata);
        String type = spec.requiredString("type");
        ChannelSpec.Type channelType = null;
        if (type != null) {
            if (type.equals("webhook") || type.equals("slack")) {
                channelType = ChannelSpec.Type.valueOf(type.toUpperCase(Locale.ROOT));
            } else {
                spec.problem("type", "expected webhook or slack, got '" + type + "'");
            }
        }
        if (!spec.has("url") && !spec.has("urlFile")) {
            spec.problem("url", "missing required field: give url: ${ENV_VARIABLE} or urlFile");
        }
        URI url = channelUrl(spec);
        Map<String, String> headers = new LinkedHashMap<>();
        spec.stringMap("headers").forEach((header, value) -> {
            String resolved = References.isEnvReference(value)
                    ? references.environmentValue(spec, "headers." + header, value) : value;
            headers.put(header, resolved);
        });
        if (problems.any()) {
            return null;
        }
        return new Declared.Channel(new ChannelSpec(name, channelType, url, headers), origin);
    }

    /** Webhook URLs are secrets (a Slack URL alone allows posting), so messages never quote them. */
    private URI channelUrl(YamlObject spec) {
        String text = references.secret(spec, "url");
        if (text == null) {
            return null;
        }
        String field = spec.has("urlFile") ? "urlFile" : "url";
        try {
            URI url = new URI(text.strip());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!url.isAbsolute() || url.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                spec.problem(field, "the URL it gives is not an absolute http(s) URL with a host");
                return null;
            }
            return url;
        } catch (URISyntaxException e) {
            spec.problem(field, "the URL it gives is not a valid URL");
            return null;
        }
    }

    // --- projects ---

    private Declared project(YamlObject metadata, YamlObject spec, Declared.Origin origin) {
        String name = name(metadata);
        String description = spec.string("description");
        List<String> sourceRepos = spec.strings("sourceRepos", false);
        List<ProjectSpec.Destination> destinations = spec.objects("destinations").stream()
                .map(destination -> {
                    String cluster = destination.requiredString("cluster");
                    String namespace = destination.requiredString("namespace");
                    return cluster == null || namespace == null ? null : new ProjectSpec.Destination(cluster, namespace);
                }).toList();
        List<ProjectSpec.GroupKind> whitelist = groupKinds(spec, "clusterResourceWhitelist");
        List<ProjectSpec.GroupKind> blacklist = groupKinds(spec, "namespaceResourceBlacklist");
        List<ProjectSpec.DestinationServiceAccount> accounts = spec.objects("destinationServiceAccounts").stream()
                .map(account -> {
                    String cluster = account.requiredString("cluster");
                    String namespace = account.requiredString("namespace");
                    String serviceAccount = account.requiredString("serviceAccount");
                    return cluster == null || namespace == null || serviceAccount == null ? null
                            : new ProjectSpec.DestinationServiceAccount(cluster, namespace, serviceAccount);
                }).toList();
        List<ProjectSpec.Role> roles = spec.objects("roles").stream()
                .map(role -> {
                    String roleName = role.requiredString("name");
                    return roleName == null ? null : new ProjectSpec.Role(roleName, role.string("description"),
                            role.strings("policies", false), role.strings("groups", false));
                }).toList();
        ProjectKeys keys = projectKeys(spec.object("sops"));
        if (problems.any()) {
            return null;
        }
        try {
            return new Declared.Project(new ProjectSpec(name, description, sourceRepos, destinations, whitelist,
                    blacklist, accounts, roles), keys, origin);
        } catch (IllegalArgumentException e) {
            spec.problem("roles", e.getMessage());
            return null;
        }
    }

    private static List<ProjectSpec.GroupKind> groupKinds(YamlObject spec, String field) {
        return spec.objects(field).stream().map(groupKind -> {
            String group = groupKind.string("group");
            String kind = groupKind.requiredString("kind");
            return kind == null ? null : new ProjectSpec.GroupKind(group, kind);
        }).toList();
    }

    /** Key material only through files or the environment, as every other secret in configuration. */
    private ProjectKeys projectKeys(YamlObject sops) {
        if (sops == null) {
            return ProjectKeys.none();
        }
        String age = references.secret(sops, "ageKey");
        String pgp = references.secret(sops, "pgpKey");
        if (problems.any()) {
            return null;
        }
        try {
            return new ProjectKeys(age, pgp);
        } catch (IllegalArgumentException e) {
            sops.problem(e.getMessage().contains("age") ? "ageKey" : "pgpKey", e.getMessage());
            return null;
        }
    }
}

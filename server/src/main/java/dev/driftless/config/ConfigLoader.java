package dev.driftless.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.ClusterSpec;
import dev.driftless.engine.app.ProjectKeys;
import dev.driftless.engine.app.ProjectSpec;
import dev.driftless.engine.app.RepositorySpec;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.model.Revision;
import dev.driftless.engine.source.GitSource;
import dev.driftless.engine.source.RepoSpec;
import dev.driftless.notify.ChannelSpec;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Loads declarative configuration ({@code apiVersion: driftless.dev/v1alpha1}, kinds {@code Application},
 * {@code Cluster}, {@code Repository}, {@code NotificationChannel} and {@code Project}) from a directory or a Git repository.
 * All or nothing: any error, in any file, fails the load with a {@link ConfigException} listing every error.
 */
public final class ConfigLoader {

    private final UnaryOperator<String> environment;

    /** @param environment looks up the variables {@code ${NAME}} references name; {@code null} when unset */
    public ConfigLoader(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    public static ConfigLoader withSystemEnvironment() {
        return new ConfigLoader(System::getenv);
    }

    /**
     * Every {@code *.yaml} and {@code *.yml} file under {@code directory}, recursively, hidden directories
     * skipped. Relative file references in a document start from the document's own directory.
     *
     * @throws ConfigException listing every error found; nothing is loaded then
     */
    public Configuration loadDirectory(Path directory) {
        return load(directory, directory.toString(), true);
    }

    /**
     * The configuration in {@code path} (empty for the root) of a Git repository at {@code revision}, so that
     * Driftless's own configuration is managed with GitOps. The commit is checked out into a temporary directory,
     * loaded, and removed; file references must therefore be absolute paths on the Driftless host.
     *
     * @throws ConfigException listing every error found
     * @throws dev.driftless.engine.source.SourceException when the repository or revision cannot be read
     */
    public Configuration loadFromGit(GitSource git, RepoSpec repo, String revision, String path) {
        Revision resolved = git.fetch(repo, revision);
        Path temporary;
        try {
            temporary = Files.createTempDirectory("driftless-config-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for configuration from Git", e);
        }
        try {
            Path tree = git.checkout(repo, resolved.sha(), temporary.resolve("tree"));
            String subPath = path == null ? "" : path;
            Path directory = tree.resolve(subPath).normalize();
            String name = repo.url() + "@" + resolved.shortSha() + ":" + subPath;
            if (!directory.startsWith(tree)) {
                throw new ConfigException(List.of(new ConfigError(name, 0, 0, "", "the path leaves the repository")));
            }
            return load(directory, name, false);
        } finally {
            deleteRecursively(temporary);
        }
    }

    /**
     * One {@code kind: Application} document, as the API receives it. Checks everything but whether the
     * destination cluster is declared, which depends on the other definitions.
     *
     * @param origin names the text in errors, e.g. {@code request body}
     * @throws ConfigException listing every error found
     */
    public static ApplicationSpec readApplication(String yaml, String origin) {
        List<ConfigError> errors = new ArrayList<>();
        List<Declared> declared = new ArrayList<>();
        readText(yaml, origin, new References(null, name -> null), declared, errors, new TreeSet<>());
        if (errors.isEmpty() && (declared.size() != 1 || !(declared.getFirst() instanceof Declared.Application))) {
            errors.add(new ConfigError(origin, 0, 0, "", "expected exactly one document of kind Application, found "
                    + declared.stream().map(Declared::kind).toList()));
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return ((Declared.Application) declared.getFirst()).spec();
    }

    /**
     * One {@code kind: Project} document, as the API receives it: SOPS keys come beside the document, never as files
     * on the Driftless host, so {@code spec.sops} is refused.
     *
     * @param origin names the text in errors, e.g. {@code request body}
     * @throws ConfigException listing every error found
     */
    public static ProjectSpec readProject(String yaml, String origin) {
        List<ConfigError> errors = new ArrayList<>();
        List<Declared> declared = new ArrayList<>();
        if (namesKeyFiles(yaml)) {
            throw new ConfigException(List.of(new ConfigError(origin, 0, 0, "spec.sops", "SOPS keys are not read "
                    + "from files on the Driftless host through the API; send them in the request's sops field")));
        }
        readText(yaml, origin, new References(null, name -> null), declared, errors, new TreeSet<>());
        if (errors.isEmpty() && (declared.size() != 1 || !(declared.getFirst() instanceof Declared.Project))) {
            errors.add(new ConfigError(origin, 0, 0, "", "expected exactly one document of kind Project, found "
                    + declared.stream().map(Declared::kind).toList()));
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return ((Declared.Project) declared.getFirst()).spec();
    }

    private static boolean namesKeyFiles(String yaml) {
        try {
            return Documents.YAML.readTree(yaml).path("spec").has("sops");
        } catch (IOException e) {
            return false;
        }
    }

    private Configuration load(Path directory, String displayName, boolean relativeFilesAllowed) {
        if (!Files.isDirectory(directory)) {
            throw new ConfigException(List.of(new ConfigError(displayName, 0, 0, "", "no such directory")));
        }
        List<ConfigError> errors = new ArrayList<>();
        List<Declared> declared = new ArrayList<>();
        Set<String> failedClusters = new TreeSet<>();
        for (Path file : yamlFiles(directory, relativeFilesAllowed)) {
            Path relative = directory.relativize(file);
            String fileName = relativeFilesAllowed ? file.toString() : displayName
                    + (displayName.endsWith(":") || displayName.endsWith("/") ? "" : "/") + relative;
            References references = new References(relativeFilesAllowed ? file.toAbsolutePath().getParent() : null,
                    environment);
            try {
                readText(Files.readString(file, StandardCharsets.UTF_8), fileName, references, declared, errors,
                        failedClusters);
            } catch (IOException e) {
                errors.add(new ConfigError(fileName, 0, 0, "", "cannot be read: " + e.getMessage()));
            }
        }
        errors.addAll(setErrors(declared, failedClusters));
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return configuration(declared);
    }

    /** A checkout from Git could hold symbolic links to files of the host; those are not followed. */
    private static List<Path> yamlFiles(Path directory, boolean followLinks) {
        LinkOption[] linkOptions = followLinks ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(file -> Files.isRegularFile(file, linkOptions))
                    .filter(file -> {
                        String name = file.getFileName().toString();
                        return name.endsWith(".yaml") || name.endsWith(".yml");
                    })
                    .filter(file -> isVisible(directory.relativize(file)))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigError(directory.toString(), 0, 0, "",
                    "cannot be listed: " + e.getMessage())));
        }
    }

    private static boolean isVisible(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    /** Documents are counted from 1, empty ones included, as {@code ManifestParser} counts them. */
    /** @param failedClusters collects the names of clusters whose documents have errors */
    private static void readText(String text, String file, References references, List<Declared> declared,
                                 List<ConfigError> errors, Set<String> failedClusters) {
        try (JsonParser parser = Documents.YAML.createParser(text)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            int document = 0;
            while (parser.nextToken() != null) {
                document++;
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode node = Documents.YAML.readTree(parser);
                if (isEmptyDocument(node)) {
                    continue;
                }
                Problems problems = new Problems(file, document, line);
                Declared declaration = new DocumentReader(problems, references).read(node);
                List<ConfigError> documentErrors = problems.finish();
                errors.addAll(documentErrors);
                if (declaration != null && documentErrors.isEmpty()) {
                    declared.add(declaration);
                } else if (problems.clusterName() != null) {
                    failedClusters.add(problems.clusterName());
                }
            }
        } catch (StreamReadException e) {
            errors.add(syntaxError(file, e));
        } catch (IOException e) {
            errors.add(new ConfigError(file, 0, 0, "", "cannot be parsed: " + e.getMessage()));
        }
    }

    /** The shared YAML mapper reads a document with no content as an empty string rather than null. */
    private static boolean isEmptyDocument(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || (node.isTextual() && node.asText().isEmpty());
    }

    /** Names the line and column but never quotes the text, which could hold a secret. */
    private static ConfigError syntaxError(String file, StreamReadException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            String context = yaml.getContext() == null ? "" : yaml.getContext() + ": ";
            return new ConfigError(file, 0, mark.getLine() + 1, "", "YAML syntax error at column %d: %s%s"
                    .formatted(mark.getColumn() + 1, context, yaml.getProblem()));
        }
        JsonLocation location = e.getLocation();
        return new ConfigError(file, 0, location == null ? 0 : location.getLineNr(), "",
                "syntax error: " + e.getOriginalMessage());
    }

    /**
     * Errors only visible across documents: duplicate names, and destinations naming undeclared clusters. A
     * cluster whose document failed counts as declared: its own error says what is wrong.
     */
    private static List<ConfigError> setErrors(List<Declared> declared, Set<String> failedClusters) {
        List<ConfigError> errors = new ArrayList<>();
        Map<String, Declared> firstByKindAndName = new HashMap<>();
        Map<String, Declared.Repository> firstByUrl = new HashMap<>();
        Set<String> clusters = new TreeSet<>(failedClusters);
        for (Declared declaration : declared) {
            Declared first = firstByKindAndName.putIfAbsent(declaration.kind() + "/" + declaration.name(), declaration);
            if (first != null) {
                errors.add(declaration.origin().error("metadata.name", "duplicate " + declaration.kind() + " name '"
                        + declaration.name() + "', first declared in " + first.origin().describe()));
            }
            if (declaration instanceof Declared.Repository repository) {
                Declared.Repository sameUrl = firstByUrl.putIfAbsent(repository.spec().urlPrefix(), repository);
                if (sameUrl != null) {
                    errors.add(repository.origin().error("spec.url", "repository " + sameUrl.name()
                            + " in " + sameUrl.origin().describe() + " has the same URL"));
                }
            }
            if (declaration instanceof Declared.Cluster cluster) {
                clusters.add(cluster.name());
            }
        }
        Map<String, ProjectSpec> projects = new TreeMap<>();
        projects.put(ProjectSpec.DEFAULT, ProjectSpec.unrestricted());
        for (Declared declaration : declared) {
            if (declaration instanceof Declared.Project project) {
                if (project.name().equals(ProjectSpec.DEFAULT)) {
                    errors.add(project.origin().error("metadata.name", "project default is built in and allows "
                            + "everything; give the limits a project of another name"));
                }
                projects.putIfAbsent(project.name(), project.spec());
            }
        }
        for (Declared declaration : declared) {
            if (declaration instanceof Declared.Application application) {
                String cluster = application.spec().destination().cluster();
                if (!clusters.contains(cluster)) {
                    errors.add(application.origin().error("spec.destination.cluster", "cluster '" + cluster
                            + "' is not declared; " + (clusters.isEmpty() ? "no clusters are declared"
                            : "declared clusters: " + String.join(", ", clusters))));
                }
                errors.addAll(projectErrors(application, projects));
            }
        }
        return errors;
    }

    /** An application naming an undeclared project, or outside its project's source repositories and destinations. */
    private static List<ConfigError> projectErrors(Declared.Application application, Map<String, ProjectSpec> projects) {
        ApplicationSpec spec = application.spec();
        ProjectSpec project = projects.get(spec.project());
        if (project == null) {
            return List.of(application.origin().error("spec.project", "project '" + spec.project()
                    + "' is not declared; declared projects: " + String.join(", ", projects.keySet())));
        }
        return project.applicationViolations(spec.source().repoUrl(), spec.destination().cluster(),
                        spec.destination().namespace()).stream()
                .map(violation -> application.origin().error("spec.project", "outside project " + project.name()
                        + ": " + violation))
                .toList();
    }

    private static Configuration configuration(List<Declared> declared) {
        List<ApplicationSpec> applications = new ArrayList<>();
        List<ClusterSpec> clusters = new ArrayList<>();
        Map<String, RepositorySpec> repositories = new LinkedHashMap<>();
        List<ChannelSpec> channels = new ArrayList<>();
        List<ProjectSpec> projects = new ArrayList<>();
        Map<String, ProjectKeys> projectKeys = new LinkedHashMap<>();
        for (Declared declaration : declared) {
            switch (declaration) {
                case Declared.Application application -> applications.add(application.spec());
                case Declared.Cluster cluster -> clusters.add(cluster.spec());
                case Declared.Repository repository -> repositories.put(repository.name(), repository.spec());
                case Declared.Channel channel -> channels.add(channel.spec());
                case Declared.Project project -> {
                    projects.add(project.spec());
                    if (!project.keys().isEmpty()) {
                        projectKeys.put(project.name(), project.keys());
                    }
                }
            }
        }
        return new Configuration(applications, clusters, repositories, channels, projects, projectKeys);
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the temporary checkout " + directory, e);
        }
    }
}

package dev.driftless.engine.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A project ({@code kind: Project}, Argo CD's AppProject): which repositories its applications may render, where they
 * may deploy, which kinds they may write, which service account they apply as, and the roles that act on them.
 * A list of globs may deny with a {@code !} prefix.
 *
 * @param name                       what applications name in {@code spec.project}
 * @param description                for people
 * @param sourceRepos                repository URL globs its applications may use
 * @param destinations               cluster and namespace globs its applications may write to
 * @param clusterResourceWhitelist   the cluster-scoped kinds its applications may write; empty: none
 * @param namespaceResourceBlacklist the namespaced kinds its applications may not write
 * @param destinationServiceAccounts whom to apply as, per destination; empty: the cluster connection's own identity
 * @param roles                      roles whose subject is {@code proj:<name>:<role>}
 */
public record ProjectSpec(String name, String description, List<String> sourceRepos, List<Destination> destinations,
                          List<GroupKind> clusterResourceWhitelist, List<GroupKind> namespaceResourceBlacklist,
                          List<DestinationServiceAccount> destinationServiceAccounts, List<Role> roles) {

    /** The project applications belong to when they name none. */
    public static final String DEFAULT = "default";

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9]([-_A-Za-z0-9]*[A-Za-z0-9])?");
    private static final Set<String> EFFECTS = Set.of("allow", "deny");

    /** Where applications may deploy: a cluster name glob and a namespace glob. */
    public record Destination(String cluster, String namespace) {
        public Destination {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(namespace, "namespace");
        }

        boolean negated() {
            return cluster.startsWith("!") || namespace.startsWith("!");
        }

        boolean matches(String clusterName, String namespaceName) {
            return Globs.matches(cluster.replaceFirst("^!", ""), clusterName)
                    && Globs.matches(namespace.replaceFirst("^!", ""), namespaceName);
        }
    }

    /** A kind by API group (empty for the core group) and kind name, each a glob. */
    public record GroupKind(String group, String kind) {
        public GroupKind {
            group = group == null ? "" : group;
            Objects.requireNonNull(kind, "kind");
        }

        boolean matches(String groupName, String kindName) {
            return Globs.matches(group, groupName) && Globs.matches(kind, kindName);
        }
    }

    /**
     * The service account applications apply as on a destination.
     *
     * @param serviceAccount {@code name}, in the application's destination namespace, or {@code namespace:name}
     */
    public record DestinationServiceAccount(String cluster, String namespace, String serviceAccount) {
        public DestinationServiceAccount {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(serviceAccount, "serviceAccount");
        }
    }

    /**
     * A project role, as Argo CD writes them.
     *
     * @param policies Casbin {@code p} lines whose subject is this role and whose objects are this project's
     * @param groups   users or groups (e.g. from single sign-on) given this role
     */
    public record Role(String name, String description, List<String> policies, List<String> groups) {
        public Role {
            Objects.requireNonNull(name, "name");
            description = description == null ? "" : description;
            policies = policies == null ? List.of() : List.copyOf(policies);
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }

    /**
     * @throws IllegalArgumentException when the name is not a DNS label, a role name is malformed or repeated, or a
     *                                  role policy is malformed or names another project's objects
     */
    public ProjectSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches() || name.length() > 63) {
            throw new IllegalArgumentException("project name '" + name
                    + "' must be lower-case letters, digits and '-', at most 63 characters");
        }
        description = description == null ? "" : description;
        sourceRepos = sourceRepos == null ? List.of() : List.copyOf(sourceRepos);
        destinations = destinations == null ? List.of() : List.copyOf(destinations);
        clusterResourceWhitelist = clusterResourceWhitelist == null ? List.of() : List.copyOf(clusterResourceWhitelist);
        namespaceResourceBlacklist = namespaceResourceBlacklist == null ? List.of() : List.copyOf(namespaceResourceBlacklist);
        destinationServiceAccounts = destinationServiceAccounts == null ? List.of() : List.copyOf(destinationServiceAccounts);
        roles = roles == null ? List.of() : List.copyOf(roles);
        List<String> problems = roleProblems(name, roles);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** The built-in {@code default} project: any repository, any destination, any kind, no impersonation. */
    public static ProjectSpec unrestricted() {
        return new ProjectSpec(DEFAULT, "built in: allows everything", List.of("*"), List.of(new Destination("*", "*")),
                List.of(new GroupKind("*", "*")), List.of(), List.of(), List.of());
    }

    public boolean allowsSource(String repoUrl) {
        return Globs.allowedBy(sourceRepos, repoUrl);
    }

    /** Whether a namespace of a cluster is a destination: some destination matches it and no negated one does. */
    public boolean allowsDestination(String cluster, String namespace) {
        boolean denied = destinations.stream().anyMatch(d -> d.negated() && d.matches(cluster, namespace));
        return !denied && destinations.stream().anyMatch(d -> !d.negated() && d.matches(cluster, namespace));
    }

    /** Cluster-scoped kinds must be whitelisted; namespaced kinds must not be blacklisted. */
    public boolean allowsKind(String group, String kind, boolean namespaced) {
        return namespaced
                ? namespaceResourceBlacklist.stream().noneMatch(gk -> gk.matches(group, kind))
                : clusterResourceWhitelist.stream().anyMatch(gk -> gk.matches(group, kind));
    }

    /** The namespace globs allowed on a cluster, for messages that say what would have been accepted. */
    public List<String> namespacesOn(String cluster) {
        return destinations.stream()
                .filter(d -> !d.negated() && Globs.matches(d.cluster(), cluster))
                .map(Destination::namespace).distinct().toList();
    }

    /**
     * Why an application of this project may not use this source and destination; empty when it may. An empty
     * namespace is not checked here: each object's namespace is.
     */
    public List<String> applicationViolations(String repoUrl, String cluster, String namespace) {
        List<String> violations = new ArrayList<>();
        if (!allowsSource(repoUrl)) {
            violations.add("repository " + repoUrl + " is not in project " + name + "'s sourceRepos " + sourceRepos);
        }
        if (!namespace.isEmpty() && !allowsDestination(cluster, namespace)) {
            violations.add(destinationViolation(cluster, namespace));
        }
        if (!destinationServiceAccounts.isEmpty() && serviceAccountFor(cluster, namespace).isEmpty()) {
            violations.add("no destinationServiceAccount of project " + name + " matches cluster " + cluster
                    + " namespace " + (namespace.isEmpty() ? "(none)" : namespace));
        }
        return violations;
    }

    /** {@code namespace N is not a destination of project P on cluster C (allowed: ...)}. */
    public String destinationViolation(String cluster, String namespace) {
        List<String> allowed = namespacesOn(cluster);
        return "namespace " + namespace + " is not a destination of project " + name + " on cluster " + cluster
                + " (allowed: " + (allowed.isEmpty() ? "none" : String.join(", ", allowed)) + ")";
    }

    /**
     * The Kubernetes user to apply as on a destination: {@code system:serviceaccount:<namespace>:<name>} of the first
     * matching destinationServiceAccount; empty when none matches.
     */
    public Optional<String> serviceAccountFor(String cluster, String namespace) {
        return destinationServiceAccounts.stream()
                .filter(account -> Globs.matches(account.cluster(), cluster)
                        && Globs.matches(account.namespace(), namespace))
                .findFirst()
                .map(account -> {
                    String sa = account.serviceAccount();
                    int colon = sa.indexOf(':');
                    return colon < 0 ? "system:serviceaccount:" + namespace + ":" + sa
                            : "system:serviceaccount:" + sa.substring(0, colon) + ":" + sa.substring(colon + 1);
                });
    }

    /** {@code proj:<project>:<role>}: the subject of a project role's policies and of its tokens. */
    public String subjectOf(String role) {
        return "proj:" + name + ":" + role;
    }

    /** Every role's {@code p} lines, then a {@code g, <group>, proj:<project>:<role>} line per group, for Casbin. */
    public List<String> policyLines() {
        List<String> lines = new ArrayList<>();
        roles.forEach(role -> lines.addAll(role.policies()));
        roles.forEach(role -> role.groups().forEach(group -> lines.add("g, " + group + ", " + subjectOf(role.name()))));
        return lines;
    }

    private static List<String> roleProblems(String project, List<Role> roles) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < roles.size(); i++) {
            Role role = roles.get(i);
            String where = "roles[" + i + "]";
            if (!ROLE_NAME.matcher(role.name()).matches()) {
                problems.add(where + ".name '" + role.name() + "' must be letters, digits, '-' and '_'");
            } else if (!seen.add(role.name())) {
                problems.add(where + ".name '" + role.name() + "' is used by an earlier role");
            }
            for (int j = 0; j < role.policies().size(); j++) {
                String policy = where + ".policies[" + j + "] ";
                policyProblem(project, role.name(), role.policies().get(j))
                        .ifPresent(problem -> problems.add(policy + problem));
            }
        }
        return problems;
    }

    /**
     * Argo CD's rule: a project role may only grant its own subject access to its own project's applications
     * ({@code <project>/<application glob>}) and to the project itself.
     */
    static Optional<String> policyProblem(String project, String role, String line) {
        List<String> fields = Arrays.stream(line.split(",", -1)).map(String::trim).toList();
        if (fields.size() != 6 || !fields.getFirst().equals("p")) {
            return Optional.of("'" + line + "' is not 'p, <subject>, <resource>, <action>, <object>, <allow|deny>'");
        }
        String subject = "proj:" + project + ":" + role;
        if (!fields.get(1).equals(subject)) {
            return Optional.of("'" + line + "': the subject must be this role, " + subject);
        }
        String resource = fields.get(2);
        String object = fields.get(4);
        if (!resource.equals("applications") && !resource.equals("projects")) {
            return Optional.of("'" + line + "': a project role may only grant applications and projects, not "
                    + resource);
        }
        boolean ownObject = resource.equals("projects") ? object.equals(project)
                : object.startsWith(project + "/") && object.length() > project.length() + 1;
        if (!ownObject) {
            return Optional.of("'" + line + "': object " + object + " is not in project " + project + " (expected "
                    + (resource.equals("projects") ? project : project + "/<application>") + ")");
        }
        if (fields.get(3).isEmpty()) {
            return Optional.of("'" + line + "': the action is empty");
        }
        if (!EFFECTS.contains(fields.get(5))) {
            return Optional.of("'" + line + "': the effect must be allow or deny, not " + fields.get(5));
        }
        return Optional.empty();
    }
}

package dev.driftless.api.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads RBAC policy lines in Argo CD's CSV format; blank lines and lines starting with {@code #} are skipped.
 * A bad line is refused with its origin, line number, field and reason, and nothing of the policy is used.
 */
public final class PolicyLines {

    /** The actions of each resource; {@code *} stands for any. */
    public static final Map<String, Set<String>> ACTIONS = Map.of(
            "applications", Set.of("get", "create", "update", "delete", "sync", "refresh", "rollback"),
            "projects", Set.of("get", "create", "update", "delete"),
            "clusters", Set.of("get", "create", "update", "delete"),
            "repositories", Set.of("get", "create", "update", "delete"),
            "accounts", Set.of("get", "create", "update", "delete"),
            "audit", Set.of("get"));

    private static final String[] PERMISSION_FIELDS = {"type", "subject", "resource", "action", "object", "effect"};

    private PolicyLines() {
    }

    /** The policy in a CSV file; errors name the file. */
    public static List<PolicyRule> read(Path file) {
        try {
            return parse(file.toString(), Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the RBAC policy " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param origin where the lines come from, for error messages, e.g. a file name or {@code project team-a}
     * @throws IllegalArgumentException naming the origin, line, field and reason of the first bad line
     */
    public static List<PolicyRule> parse(String origin, List<String> lines) {
        List<PolicyRule> rules = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = origin + " line " + (index + 1);
            List<String> fields = Arrays.stream(line.split(",", -1)).map(String::strip).toList();
            rules.add(switch (fields.getFirst()) {
                case "p" -> permission(where, fields);
                case "g" -> grouping(where, fields);
                default -> throw new IllegalArgumentException(where + ", field 1 (type): '" + fields.getFirst()
                        + "' is neither p (a permission) nor g (a role grant)");
            });
        }
        return List.copyOf(rules);
    }

    private static PolicyRule.Permission permission(String where, List<String> fields) {
        if (fields.size() != PERMISSION_FIELDS.length) {
            throw new IllegalArgumentException(where + ": a permission has 6 fields (p, subject, resource, action,"
                    + " object, allow|deny), found " + fields.size());
        }
        for (int field = 1; field < fields.size(); field++) {
            if (fields.get(field).isEmpty()) {
                throw new IllegalArgumentException(where + ", field " + (field + 1) + " (" + PERMISSION_FIELDS[field]
                        + "): empty");
            }
        }
        String resource = fields.get(2);
        String action = fields.get(3);
        if (!resource.equals("*") && !ACTIONS.containsKey(resource)) {
            throw new IllegalArgumentException(where + ", field 3 (resource): '" + resource + "' is not one of "
                    + ACTIONS.keySet().stream().sorted().toList() + " or *");
        }
        if (!action.equals("*") && !resource.equals("*") && !ACTIONS.get(resource).contains(action)) {
            throw new IllegalArgumentException(where + ", field 4 (action): '" + action + "' is not an action on "
                    + resource + " (" + ACTIONS.get(resource).stream().sorted().toList() + " or *)");
        }
        String effect = fields.get(5);
        if (!effect.equals("allow") && !effect.equals("deny")) {
            throw new IllegalArgumentException(where + ", field 6 (effect): '" + effect + "' is neither allow nor deny");
        }
        return new PolicyRule.Permission(fields.get(1), resource, action, fields.get(4), effect.equals("allow"));
    }

    private static PolicyRule.Grouping grouping(String where, List<String> fields) {
        if (fields.size() != 3) {
            throw new IllegalArgumentException(where + ": a role grant has 3 fields (g, user or group, role), found "
                    + fields.size());
        }
        if (fields.get(1).isEmpty() || fields.get(2).isEmpty()) {
            throw new IllegalArgumentException(where + ", field " + (fields.get(1).isEmpty() ? "2 (user or group)"
                    : "3 (role)") + ": empty");
        }
        return new PolicyRule.Grouping(fields.get(1), fields.get(2));
    }
}

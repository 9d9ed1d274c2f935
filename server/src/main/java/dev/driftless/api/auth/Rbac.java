package dev.driftless.api.auth;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.casbin.jcasbin.main.SyncedEnforcer;
import org.casbin.jcasbin.model.Model;

/**
 * Role-based access control in Argo CD's policy format, evaluated by jCasbin: a request is allowed when a policy
 * line of the subject, of one of its groups or of the default role allows it and no line of that same subject
 * denies it. Nothing is allowed by default. Objects, resources and actions are globs in which {@code *} matches any
 * text, {@code /} included, as in Argo CD. Immutable; build a new one when the policy changes.
 */
public final class Rbac {

    /** The roles every installation has, and the grants of the built-in subjects. */
    public static final List<String> BUILT_IN = List.of(
            "p, role:readonly, applications, get, */*, allow",
            "p, role:readonly, projects, get, *, allow",
            "p, role:readonly, clusters, get, *, allow",
            "p, role:readonly, repositories, get, *, allow",
            "p, role:readonly, accounts, get, *, allow",
            "p, role:readonly, audit, get, *, allow",
            "p, role:admin, *, *, *, allow",
            "p, role:webhook, applications, refresh, */*, allow",
            "g, admin, role:admin",
            "g, webhook, role:webhook");

    private static final String MODEL = """
            [request_definition]
            r = sub, res, act, obj

            [policy_definition]
            p = sub, res, act, obj, eft

            [role_definition]
            g = _, _

            [policy_effect]
            e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

            [matchers]
            m = g(r.sub, p.sub) && globMatch(r.res, p.res) && globMatch(r.act, p.act) && globMatch(r.obj, p.obj)
            """;

    /**
     * How many answers are remembered. A list of 10,000 applications asks one question per application, and
     * jCasbin took about 14 µs to answer one (bench/dashboard, 2 cores); remembered, the list costs a lookup each.
     */
    private static final int REMEMBERED_ANSWERS = 200_000;

    private final SyncedEnforcer enforcer;
    private final Optional<String> defaultRole;
    /** Answers of this policy; a changed policy is a new {@code Rbac}, so nothing here goes stale. */
    private final LoadingCache<Question, Boolean> answers;

    private record Question(String subject, List<String> groups, String resource, String action, String object) {
    }

    private Rbac(SyncedEnforcer enforcer, Optional<String> defaultRole) {
        this.enforcer = enforcer;
        this.defaultRole = defaultRole;
        this.answers = Caffeine.newBuilder().maximumSize(REMEMBERED_ANSWERS).build(this::decide);
    }

    /**
     * The built-in policy plus {@code rules}.
     *
     * @param defaultRole a role every signed-in subject has besides its own ({@code policy.default}), e.g.
     *                    {@code role:readonly}
     */
    public static Rbac of(List<PolicyRule> rules, Optional<String> defaultRole) {
        Model model = new Model();
        model.loadModelFromText(MODEL);
        SyncedEnforcer enforcer = new SyncedEnforcer(model);
        enforcer.enableLog(false);
        List<PolicyRule> all = new ArrayList<>(PolicyLines.parse("the built-in policy", BUILT_IN));
        all.addAll(rules);
        for (PolicyRule rule : all) {
            switch (rule) {
                case PolicyRule.Permission p -> enforcer.addPolicy(p.subject(), anyText(p.resource()),
                        anyText(p.action()), anyText(p.object()), p.allow() ? "allow" : "deny");
                case PolicyRule.Grouping g -> enforcer.addGroupingPolicy(g.member(), g.role());
            }
        }
        return new Rbac(enforcer, defaultRole);
    }

    /** Whether {@code principal} may do {@code action} on {@code resource} {@code object}. */
    public boolean allows(Principal principal, String resource, String action, String object) {
        return answers.get(new Question(principal.subject(), principal.groups(), resource, action, object));
    }

    private boolean decide(Question question) {
        List<String> subjects = new ArrayList<>();
        subjects.add(question.subject());
        subjects.addAll(question.groups());
        defaultRole.ifPresent(subjects::add);
        return subjects.stream().anyMatch(subject -> enforcer.enforce(subject, question.resource(), question.action(),
                question.object()));
    }

    /**
     * jCasbin's globMatch lets {@code *} stop at {@code /} and {@code **} cross it; Argo CD's policies mean any
     * text by {@code *}, so each star becomes a double star.
     */
    private static String anyText(String glob) {
        return glob.replace("**", "*").replace("*", "**");
    }
}

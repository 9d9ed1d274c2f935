package dev.driftless.client;

import java.util.List;

/**
 * A project as the server shows it: Argo CD AppProject limits and roles; its SOPS keys are only counted.
 * {@code origin}: config, api or built_in.
 */
public record Project(String name, String description, String origin, List<String> sourceRepos,
                      List<Destination> destinations, List<GroupKind> clusterResourceWhitelist,
                      List<GroupKind> namespaceResourceBlacklist, List<ServiceAccount> destinationServiceAccounts,
                      List<Role> roles, SopsKeys sopsKeys, List<String> applications) {

    public Project {
        sourceRepos = sourceRepos == null ? List.of() : List.copyOf(sourceRepos);
        destinations = destinations == null ? List.of() : List.copyOf(destinations);
        clusterResourceWhitelist = clusterResourceWhitelist == null ? List.of() : List.copyOf(clusterResourceWhitelist);
        namespaceResourceBlacklist = namespaceResourceBlacklist == null ? List.of() : List.copyOf(namespaceResourceBlacklist);
        destinationServiceAccounts = destinationServiceAccounts == null ? List.of() : List.copyOf(destinationServiceAccounts);
        roles = roles == null ? List.of() : List.copyOf(roles);
        sopsKeys = sopsKeys == null ? new SopsKeys(0, 0) : sopsKeys;
        applications = applications == null ? List.of() : List.copyOf(applications);
    }

    public record Destination(String cluster, String namespace) {
    }

    public record GroupKind(String group, String kind) {
    }

    public record ServiceAccount(String cluster, String namespace, String serviceAccount) {
    }

    public record Role(String name, String description, List<String> policies, List<String> groups) {
    }

    public record SopsKeys(int ageIdentities, int pgpKeys) {
    }
}

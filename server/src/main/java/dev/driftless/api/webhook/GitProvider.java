package dev.driftless.api.webhook;

/** The Git hosting products whose push webhooks Driftless understands. */
public enum GitProvider {
    GITHUB("GitHub"),
    GITLAB("GitLab"),
    GITEA("Gitea"),
    GOGS("Gogs"),
    BITBUCKET_CLOUD("Bitbucket Cloud"),
    BITBUCKET_SERVER("Bitbucket Server"),
    AZURE_DEVOPS("Azure DevOps");

    private final String displayName;

    GitProvider(String displayName) {
        this.displayName = displayName;
    }

    /** The product's own name, for messages and responses. */
    public String displayName() {
        return displayName;
    }
}

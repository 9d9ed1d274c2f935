package dev.driftless.engine.app;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GlobsTest {

    @Test
    void starAndQuestionMarkMatchAnyRunAndOneCharacterEverythingElseIsLiteral() {
        assertThat(Globs.matches("team-*", "team-a-canary")).isTrue();
        assertThat(Globs.matches("https://git.example.com/*", "https://git.example.com/a/b.git")).isTrue();
        assertThat(Globs.matches("team-?", "team-ab")).isFalse();
        assertThat(Globs.matches("a.c", "abc")).as("a dot is literal").isFalse();
    }

    @Test
    void aListOfNegationsAloneAllowsNothing() {
        assertThat(Globs.allowedBy(List.of("!https://git.example.com/secret*"), "https://git.example.com/shop")).isFalse();
        assertThat(Globs.allowedBy(List.of("*", "!https://git.example.com/secret*"), "https://git.example.com/shop")).isTrue();
        assertThat(Globs.allowedBy(List.of(), "https://git.example.com/shop")).isFalse();
    }
}

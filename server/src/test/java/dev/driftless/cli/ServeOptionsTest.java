package dev.driftless.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** `driftless serve` options refused before anything starts. */
class ServeOptionsTest {

    @Test
    void aParallelismBelowOneIsRefusedNamingTheOption() {
        CliRun run = CliRun.of("serve", "--parallelism", "0", "--no-sandbox");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--parallelism must be at least 1, got 0");
    }

    @Test
    void theParallelismIsShownWithItsDefaultInTheHelp() {
        CliRun run = CliRun.of("serve", "--help");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("--parallelism=N");
        assertThat(run.out().replaceAll("\\s+", " ")).as("wrapped to the help's width")
                .contains("How many applications reconcile at once (default: 8)");
    }
}

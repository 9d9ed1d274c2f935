package dev.driftless.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Usage errors and help texts: exit code 2 for the former, and the help says what each command takes. */
class CliUsageTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"render", "diff", "sync"})
    void neitherRepoNorLocalIsAUsageErrorNamingBoth(String command) {
        CliRun run = CliRun.of(command);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--repo", "--local");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void bothRepoAndLocalIsAUsageError() {
        CliRun run = CliRun.of("render", "--repo", "https://example.invalid/shop.git", "--local", ".");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--repo", "--local");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"render", "diff", "sync"})
    void aLocalTreeThatDoesNotExistIsAUsageErrorNamingIt(String command, @TempDir Path work) {
        Path missing = work.resolve("no-checkout");

        CliRun run = command.equals("render")
                ? CliRun.of(command, "--local", missing.toString())
                : CliRun.of(command, "--local", missing.toString(), "--kubeconfig", work.resolve("kubeconfig").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--local " + missing + ": no such directory");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "render | --repo,--local,--path,--helm,--values,--set,--plugin,--output",
            "diff   | --repo,--local,--kubeconfig,--context,--desired,--live,--unified,--output",
            "sync   | --repo,--local,--kubeconfig,--prune,--dry-run,--wait,--timeout,--apply-mode",
            "health | --file,--output"})
    void helpOfEachCommandListsItsOptions(String command, String options) {
        CliRun help = CliRun.of(command, "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: driftless " + command).contains(options.split(","));
        assertThat(help.err()).isEmpty();
    }

    @Test
    void topLevelHelpListsCommandsAndExitCodes() {
        CliRun help = CliRun.of("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("render", "diff", "sync", "health", "Exit codes:");
        String exitCodes = help.out().substring(help.out().indexOf("Exit codes:"));
        // long descriptions wrap onto indented lines that start with a word, not a code
        assertThat(exitCodes.lines().map(String::strip).filter(line -> line.matches("\\d+\\s.*"))
                .map(line -> line.split("\\s+")[0]))
                .containsExactly("0", "1", "2", "3");
        assertThat(exitCodes).contains("bad usage", "could not be reached");
    }

    @Test
    void helpSubcommandPrintsTheCommandsHelp() {
        CliRun help = CliRun.of("help", "health");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: driftless health").contains("--file");
    }

    @Test
    void anUnknownOptionIsAUsageErrorNamingIt() {
        CliRun run = CliRun.of("sync", "--local", ".", "--purge");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--purge");
    }

    @Test
    void anUnknownOutputFormatIsAUsageErrorListingTheFormats() {
        CliRun run = CliRun.of("health", "-f", "live.yaml", "-o", "table");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("table", "TEXT", "JSON", "YAML");
    }

    @Test
    void noCommandIsAUsageErrorListingTheCommands() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("render", "diff", "sync", "health");
    }
}

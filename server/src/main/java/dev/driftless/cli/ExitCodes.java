package dev.driftless.cli;

/** The exit codes listed in {@code driftless --help}. */
final class ExitCodes {
    static final int OK = 0;
    static final int DIFFERENCES = 1;
    static final int BAD_INPUT = 2;
    static final int UNREACHABLE = 3;

    private ExitCodes() {
    }
}

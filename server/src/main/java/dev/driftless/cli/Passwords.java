package dev.driftless.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Passwords for commands, read from standard input (one per line) or typed at the console without echo, never
 * from the command line, where {@code ps} and shell history would keep them.
 */
final class Passwords {

    private Passwords() {
    }

    /**
     * @param fromStdin read the lines from standard input instead of prompting
     * @param prompts   one prompt per password, e.g. {@code Current password}
     * @return the passwords, in the order of {@code prompts}
     */
    static List<String> read(boolean fromStdin, String... prompts) {
        List<String> passwords = new ArrayList<>();
        if (fromStdin) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String prompt : prompts) {
                passwords.add(required(line(in), prompt + " (line " + (passwords.size() + 1) + " of standard input)"));
            }
            return passwords;
        }
        Console console = System.console();
        if (console == null) {
            throw new InputException("no console to type the password at; pass it on standard input with --password-stdin");
        }
        for (String prompt : prompts) {
            char[] typed = console.readPassword("%s: ", prompt);
            passwords.add(required(typed == null ? null : new String(typed), prompt));
        }
        return passwords;
    }

    private static String line(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
    }

    private static String required(String password, String what) {
        if (password == null || password.isEmpty()) {
            throw new InputException(what + ": empty");
        }
        return password;
    }
}

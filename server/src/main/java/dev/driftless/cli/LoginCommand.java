package dev.driftless.cli;

import dev.driftless.client.ClientException;
import dev.driftless.client.DriftlessClient;
import dev.driftless.client.SignedIn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;

/** {@code driftless login}: signs in and keeps the session token, owner-only, for the other commands. */
@Command(name = "login", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sign in to a Driftless service with a user name and password and keep the session token "
                + "(12 hours) in a file only you can read, which the other commands then use."})
final class LoginCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL",
            defaultValue = "${env:" + ClientOptions.SERVER_ENV + ":-http://localhost:8080}",
            description = "The Driftless service (default: $" + ClientOptions.SERVER_ENV + " or http://localhost:8080).")
    String server;

    @Option(names = "--username", paramLabel = "NAME", required = true, description = "Your user name.")
    String username;

    @Option(names = "--password-stdin", description = "Read the password from standard input instead of prompting.")
    boolean passwordStdin;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Where to keep the token (default: ~/.driftless/token).")
    Path tokenFile;

    @Override
    public Integer call() {
        String password = Passwords.read(passwordStdin, "Password").getFirst();
        Path target = tokenFile != null ? tokenFile : ClientOptions.defaultTokenFile();
        SignedIn session;
        try {
            session = DriftlessClient.signIn(URI.create(server), username, password);
        } catch (ClientException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ClientOptions.exitCode(e);
        } catch (IllegalArgumentException e) {
            throw new InputException("--server: " + e.getMessage());
        }
        write(target, session.token());
        PrintWriter out = spec.commandLine().getOut();
        out.println("signed in to " + server + " as " + session.user() + "; token kept in " + target);
        out.flush();
        return ExitCodes.OK;
    }

    private static void write(Path file, String token) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, token + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the token file " + file, e);
        }
    }
}

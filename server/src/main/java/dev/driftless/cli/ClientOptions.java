package dev.driftless.cli;

import dev.driftless.client.ApiException;
import dev.driftless.client.ClientException;
import dev.driftless.client.DriftlessClient;
import dev.driftless.client.ServerUnreachableException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --server} and {@code --token-file}, shared by the commands that talk to a running service, and the
 * translation of the service's answers into exit codes. The token is never taken as a plain argument, where
 * {@code ps} would show it; without {@code --token-file} it comes from {@value #TOKEN_ENV}, else from the file
 * {@code driftless login} keeps ({@code ~/.driftless/token}).
 */
final class ClientOptions {

    static final String SERVER_ENV = "DRIFTLESS_SERVER";
    static final String TOKEN_ENV = "DRIFTLESS_TOKEN";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:" + SERVER_ENV + ":-http://localhost:8080}",
            description = "The Driftless service (default: $" + SERVER_ENV + " or http://localhost:8080).")
    String server;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the API token (default: $" + TOKEN_ENV + ", else the token driftless login"
                    + " kept in ~/.driftless/token).")
    Path tokenFile;

    /** What a command does with the client; returns the exit code. */
    @FunctionalInterface
    interface Call {
        int call(DriftlessClient client) throws Exception;
    }

    /**
     * Runs a call and turns the service's refusals into one line on standard error: 4xx answers are bad input
     * (exit 2), no answer or a 5xx answer means the service is unusable (exit 3).
     */
    int run(Call call) throws Exception {
        DriftlessClient client = client();
        try {
            return call.call(client);
        } catch (ClientException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: " + describe(e));
            err.flush();
            return exitCode(e);
        }
    }

    static int exitCode(ClientException exception) {
        return switch (exception) {
            case ApiException api when api.clientError() -> ExitCodes.BAD_INPUT;
            case ApiException api -> ExitCodes.UNREACHABLE;
            case ServerUnreachableException unreachable -> ExitCodes.UNREACHABLE;
        };
    }

    private static String describe(ClientException exception) {
        if (!(exception instanceof ApiException api)) {
            return exception.getMessage();
        }
        String hint = switch (api.status()) {
            case 401 -> "; sign in with driftless login, or check --token-file or " + TOKEN_ENV;
            case 403 -> "; the token does not allow this";
            default -> "";
        };
        return api.getMessage() + " (HTTP " + api.status() + ")" + hint;
    }

    DriftlessClient client() {
        URI uri;
        try {
            uri = new URI(server);
        } catch (URISyntaxException e) {
            throw new InputException("--server " + server + ": not a URL (" + e.getReason() + ")");
        }
        try {
            return new DriftlessClient(uri, token());
        } catch (IllegalArgumentException e) {
            throw new InputException("--server: " + e.getMessage());
        }
    }

    /** Where {@code driftless login} keeps the session token. */
    static Path defaultTokenFile() {
        return Path.of(System.getProperty("user.home"), ".driftless", "token");
    }

    private String token() {
        if (tokenFile == null) {
            String fromEnvironment = System.getenv(TOKEN_ENV);
            if (fromEnvironment != null || !Files.isReadable(defaultTokenFile())) {
                return fromEnvironment;
            }
            return readSecret(defaultTokenFile(), "the token file of driftless login");
        }
        String token = readSecret(tokenFile, "--token-file");
        if (token.isEmpty()) {
            throw new InputException("--token-file " + tokenFile + ": the file is empty");
        }
        return token;
    }

    /** Reads a file that holds a secret; errors name the file, never the content. */
    static String readSecret(Path file, String option) {
        try {
            return Files.readString(file).strip();
        } catch (NoSuchFileException e) {
            throw new InputException(option + " " + file + ": no such file");
        } catch (IOException e) {
            throw new InputException(option + " " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A table cell: {@code -} for what the server left out. */
    static String cell(Object value) {
        return value == null || value.toString().isEmpty() ? "-" : value.toString();
    }

    /** Prints an answer as JSON or YAML, as the API spells it. */
    static void print(PrintWriter out, OutputOptions output, Object value) {
        output.print(out, DriftlessClient.toJson(value));
    }

    /** {@code key=value} options, in the order given. */
    static Map<String, String> labels(List<String> pairs, String option) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new InputException(option + " " + pair + ": expected KEY=VALUE");
            }
            if (labels.put(pair.substring(0, equals), pair.substring(equals + 1)) != null) {
                throw new InputException(option + " " + pair + ": the key " + pair.substring(0, equals) + " is given twice");
            }
        }
        return labels;
    }
}

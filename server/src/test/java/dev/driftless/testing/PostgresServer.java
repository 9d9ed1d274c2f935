package dev.driftless.testing;

import com.sun.security.auth.module.UnixSystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: a fresh cluster in a temporary directory, listening on a free loopback
 * port with password authentication, stopped on {@link #close()} or when the JVM exits. PostgreSQL refuses to run
 * as root, so under root it runs as the {@code postgres} user through {@code runuser}.
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser every database belongs to. */
    public static final String USER = "driftless";

    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static PostgresServer shared;

    private final Path binaries;
    private final Path directory;
    private final List<String> runAs;
    private final String password;
    private final int port;
    private final Thread stopAtExit = new Thread(this::stop, "postgres-stop");
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path binaries, Path directory, List<String> runAs, String password, int port) {
        this.binaries = binaries;
        this.directory = directory;
        this.runAs = runAs;
        this.password = password;
        this.port = port;
    }

    /** One server for the whole test run, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** Initialises and starts a new server; the caller closes it. */
    public static PostgresServer start() {
        Path binaries = findBinaries(DEBIAN_BINARIES);
        boolean root = new UnixSystem().getUid() == 0;
        List<String> runAs = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
        try {
            Path directory = Files.createTempDirectory("driftless-pg");
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            Files.writeString(directory.resolve("password"), password);
            if (root) {
                UserPrincipal postgres = directory.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres");
                Files.setOwner(directory, postgres);
                Files.setOwner(directory.resolve("password"), postgres);
            }
            PostgresServer server = new PostgresServer(binaries, directory, runAs, password, freePort());
            Runtime.getRuntime().addShutdownHook(server.stopAtExit);
            try {
                server.initialise();
                server.awaitConnections();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a PostgreSQL data directory", e);
        }
    }

    /** The newest {@code <root>/<version>/bin} holding initdb and pg_ctl, as Debian's packages lay them out. */
    static Path findBinaries(Path root) {
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString())))
                    .orElseThrow(() -> missingBinaries(root));
        } catch (IOException | NumberFormatException e) {
            throw missingBinaries(root);
        }
    }

    private static IllegalStateException missingBinaries(Path root) {
        return new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) were not found in "
                + root + "/<version>/bin: install the Debian package `postgresql`"
                + " (apt-get install postgresql); the tests start their own server from it");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void initialise() {
        run("initdb", "-D", dataDirectory().toString(), "-U", USER, "--pwfile=" + directory.resolve("password"),
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync");
        run("pg_ctl", "-D", dataDirectory().toString(), "-l", directory.resolve("postgres.log").toString(),
                "-w", "-t", Long.toString(STARTUP.toSeconds()),
                "-o", "-c listen_addresses=127.0.0.1 -k " + directory + " -p " + port
                        + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                "start");
    }

    private void awaitConnections() {
        Instant deadline = Instant.now().plus(STARTUP);
        while (true) {
            try (Connection ignored = connect("postgres")) {
                return;
            } catch (SQLException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("PostgreSQL on port " + port + " accepts no connections: "
                            + e.getMessage() + "\n" + log("postgres.log"), e);
                }
                sleep();
            }
        }
    }

    /** Creates an empty database and returns its name. */
    public String createDatabase() {
        String name = "test_" + databases.incrementAndGet();
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** The password of {@link #USER}, random per server. */
    public String password() {
        return password;
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, password);
    }

    private Path dataDirectory() {
        return directory.resolve("data");
    }

    /** Stops the server ({@code pg_ctl stop -m fast}) and deletes its files. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // The JVM is already shutting down and runs the hook itself.
        }
    }

    private synchronized void stop() {
        if (Files.exists(dataDirectory().resolve("postmaster.pid"))) {
            run("pg_ctl", "-D", dataDirectory().toString(), "-m", "fast", "-w", "stop");
        }
        deleteRecursively(directory);
    }

    private void run(String program, String... arguments) {
        List<String> command = new ArrayList<>(runAs);
        command.add(binaries.resolve(program).toString());
        command.addAll(List.of(arguments));
        Path output = directory.resolve(program + ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(STARTUP.toSeconds() + 30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " did not finish in time:\n" + log(program + ".out"));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
                        + process.exitValue() + ":\n" + log(program + ".out") + "\n" + log("postgres.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + program, e);
        }
    }

    private String log(String file) {
        try {
            Path path = directory.resolve(file);
            return Files.exists(path) ? Files.readString(path) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
        }
    }
}

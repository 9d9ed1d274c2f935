package dev.driftless.bench;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code git daemon} on loopback serving bare repositories, so every ls-remote and fetch of the service costs a real
 * round trip and a forked server process, as against a Git host. Commits are made in a working clone with JGit and
 * pushed to the bare repository.
 */
final class ServiceGitServer implements AutoCloseable {

    private static final Path GIT = Path.of("/usr/bin/git");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);
    private static final PersonIdent AUTHOR = new PersonIdent("Bench", "bench@driftless.dev");

    private final Path log;
    private final Path reposDir;
    private final Path worksDir;
    private final int port;
    private final Process daemon;

    ServiceGitServer(Path workDir) throws IOException {
        if (!Files.isExecutable(GIT)) {
            throw new IllegalStateException(GIT + " is missing; the service benchmark serves its repositories with"
                    + " `git daemon` (apt-get install git)");
        }
        reposDir = Files.createDirectories(workDir.resolve("repos"));
        worksDir = Files.createDirectories(workDir.resolve("work"));
        port = freePort();
        log = workDir.resolve("git-daemon.log");
        daemon = new ProcessBuilder(GIT.toString(), "daemon", "--verbose", "--export-all", "--reuseaddr",
                "--base-path=" + reposDir, "--listen=127.0.0.1", "--port=" + port, reposDir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitListening();
    }

    /** Requests served so far (each ls-remote or fetch is one), as counted in the daemon's verbose log. */
    long requestCount() throws IOException {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("Request upload-pack")).count();
        }
    }

    /** A new repository whose first commit on {@code main} holds {@code files} (path to content). */
    Repo create(String name, Map<String, String> files) throws IOException, GitAPIException {
        Path bare = reposDir.resolve(name + ".git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        Git work = Git.init().setInitialBranch("main").setDirectory(worksDir.resolve(name).toFile()).call();
        Repo repo = new Repo(name, "git://127.0.0.1:" + port + "/" + name + ".git", bare, work);
        repo.commit("initial content", files);
        return repo;
    }

    /** One repository: its daemon URL and a working clone to commit in. */
    static final class Repo implements AutoCloseable {
        private final String name;
        private final String url;
        private final Path bare;
        private final Git work;

        private Repo(String name, String url, Path bare, Git work) {
            this.name = name;
            this.url = url;
            this.bare = bare;
            this.work = work;
        }

        String name() {
            return name;
        }

        String url() {
            return url;
        }

        /** Writes the files, commits and pushes {@code main}; returns the new commit's SHA. */
        String commit(String message, Map<String, String> files) throws IOException, GitAPIException {
            Path root = work.getRepository().getWorkTree().toPath();
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = root.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
            work.add().addFilepattern(".").call();
            RevCommit commit = work.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false)
                    .call();
            work.push().setRemote(bare.toUri().toString()).add("main").call();
            return commit.getName();
        }

        @Override
        public void close() {
            work.close();
        }
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!daemon.isAlive()) {
                throw new IllegalStateException("git daemon exited with " + daemon.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                ServiceBench.pause(Duration.ofMillis(50));
            }
        }
        throw new IllegalStateException("git daemon did not listen on port " + port + " within " + STARTUP_TIMEOUT);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** git daemon forks a child per connection; those are stopped too. */
    @Override
    public void close() {
        daemon.descendants().forEach(ProcessHandle::destroy);
        daemon.destroy();
        try {
            daemon.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

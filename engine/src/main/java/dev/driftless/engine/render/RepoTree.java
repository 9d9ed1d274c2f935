package dev.driftless.engine.render;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * Lists the regular files under a directory of the repository, following symlinks but refusing any entry (file or
 * directory) whose target lies outside the repository, so nothing read from the listing can come from elsewhere.
 */
final class RepoTree {

    private static final String GIT_DIRECTORY = ".git";

    private RepoTree() {
    }

    /** The regular files under {@code directory}, sorted by their path relative to it; {@code .git} is skipped. */
    static List<Path> files(Path realRoot, Path directory, boolean recursive) throws RenderException {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(directory, EnumSet.of(FileVisitOption.FOLLOW_LINKS), recursive ? Integer.MAX_VALUE : 1,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                            if (!dir.equals(directory) && dir.getFileName().toString().equals(GIT_DIRECTORY)) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            checkInside(realRoot, dir);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                            checkInside(realRoot, file);
                            if (attrs.isRegularFile()) {
                                files.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (OutsideRepository e) {
            throw e.failure;
        } catch (FileSystemLoopException e) {
            throw new RenderException(RepoPaths.describe(realRoot, Path.of(e.getFile())) + " is a symlink loop");
        } catch (IOException e) {
            throw new RenderException("cannot list " + RepoPaths.describe(realRoot, directory) + ": " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(file -> RepoPaths.unix(directory.relativize(file))));
        return files;
    }

    private static void checkInside(Path realRoot, Path path) throws OutsideRepository {
        try {
            RepoPaths.requireInside(realRoot, path, RepoPaths.describe(realRoot, path));
        } catch (RenderException e) {
            throw new OutsideRepository(e);
        }
    }

    /** Carries a containment failure out of the file visitor, whose methods may only throw IOException. */
    private static final class OutsideRepository extends IOException {
        private final RenderException failure;

        OutsideRepository(RenderException failure) {
            super(failure.getMessage());
            this.failure = failure;
        }
    }
}

package dev.driftless.kustomize;

import java.util.Set;
import java.util.TreeSet;

/**
 * What a build read of its load root, as paths relative to it with {@code /} separators: a build run again on a tree
 * where none of these changed produces the same objects. Remote bases are another repository and do not appear.
 *
 * @param files       every file and directory the build read, resolved or probed for; a probe that found nothing
 *                    counts too (a {@code kustomization.yml} added where the build looked for one changes the build)
 * @param directories directories handed whole to something that reads all of them (a Helm chart of {@code helmCharts})
 */
public record ReadPaths(Set<String> files, Set<String> directories) {

    public ReadPaths {
        files = Set.copyOf(new TreeSet<>(files));
        directories = Set.copyOf(new TreeSet<>(directories));
    }
}

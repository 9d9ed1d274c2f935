package dev.driftless.bench;

import java.util.ArrayList;
import java.util.List;

/** Wall-clock durations of repeated runs of one task, in nanoseconds, sorted. */
record Samples(List<Long> nanos) {

    /** A piece of work to time; may throw, which ends the benchmark. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    Samples {
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        nanos = nanos.stream().sorted().toList();
    }

    /** Runs the task {@code warmUps} times untimed (so the JIT has compiled the hot paths), then {@code runs} times timed. */
    static Samples measure(int warmUps, int runs, Task task) throws Exception {
        for (int i = 0; i < warmUps; i++) {
            task.run();
        }
        List<Long> nanos = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            task.run();
            nanos.add(System.nanoTime() - start);
        }
        return new Samples(nanos);
    }

    /** The nearest-rank percentile, {@code fraction} in (0, 1]: a measured value, never an interpolation. */
    double percentileMillis(double fraction) {
        int rank = (int) Math.ceil(fraction * nanos.size());
        return nanos.get(Math.max(0, rank - 1)) / 1e6;
    }

    double minMillis() {
        return nanos.getFirst() / 1e6;
    }

    /** The middle sample; with an even count, the lower of the two middle ones, so it is always a measured value. */
    double medianMillis() {
        return nanos.get((nanos.size() - 1) / 2) / 1e6;
    }
}

package dev.driftless.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches one ConfigMap key until it has taken each of the expected values in turn and records, by
 * {@link System#nanoTime()}, when the watch saw each: the moment the change was visible in the cluster.
 * The watch is open before the caller causes the change, so no event is missed.
 */
final class ServiceChangeWatch implements AutoCloseable {

    private final List<String> expected;
    private final String key;
    private final List<Long> seenAt = new ArrayList<>();
    private final CompletableFuture<List<Long>> done = new CompletableFuture<>();
    private final Watch watch;

    ServiceChangeWatch(KubernetesClient client, String namespace, String configMap, String key, List<String> expected) {
        this.key = key;
        this.expected = List.copyOf(expected);
        this.watch = client.configMaps().inNamespace(namespace).withName(configMap).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap map) {
                seen(map);
            }

            @Override
            public void onClose(WatcherException cause) {
                done.completeExceptionally(cause);
            }
        });
    }

    private synchronized void seen(ConfigMap map) {
        long now = System.nanoTime();
        String value = map.getData() == null ? null : map.getData().get(key);
        if (seenAt.size() < expected.size() && expected.get(seenAt.size()).equals(value)) {
            seenAt.add(now);
            if (seenAt.size() == expected.size()) {
                done.complete(List.copyOf(seenAt));
            }
        }
    }

    /** When each expected value was seen, in order. */
    List<Long> await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the watch failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TimeoutException("after " + timeout + " the watch had seen " + seenAt.size() + " of the values "
                    + expected + " of key " + key);
        }
    }

    @Override
    public void close() {
        watch.close();
    }
}

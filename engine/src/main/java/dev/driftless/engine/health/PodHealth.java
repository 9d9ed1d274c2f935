package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Pods: containers stuck waiting on an error, then the phase.
 * Waiting errors only degrade pods that restart forever: a run-once pod (a sync hook) whose image is not pullable yet
 * must stay Progressing, or the hook would be failed early and then run after the sync was over.
 */
public final class PodHealth implements HealthCheck {

    private static final Set<String> WAITING_ERRORS = Set.of(
            "CrashLoopBackOff", "ErrImagePull", "ImagePullBackOff", "CreateContainerConfigError", "InvalidImageName");

    private record Termination(String reason, String message, long exitCode) {

        static Optional<Termination> read(JsonNode live, String path) {
            if (!Fields.present(Fields.at(live, path))) {
                return Optional.empty();
            }
            return Optional.of(new Termination(Fields.text(live, path + ".reason"), Fields.text(live, path + ".message"),
                    Fields.integer(live, path + ".exitCode")));
        }
    }

    private record Container(String name, boolean ready, String waitingReason, String waitingMessage,
                             Optional<Termination> terminated, Optional<Termination> lastTerminated) {

        static List<Container> readAll(JsonNode live, String path) {
            int count = Fields.objects(live, path).size();
            return IntStream.range(0, count).mapToObj(i -> read(live, path + "." + i)).toList();
        }

        private static Container read(JsonNode live, String path) {
            return new Container(
                    Fields.text(live, path + ".name"),
                    Fields.bool(live, path + ".ready"),
                    Fields.text(live, path + ".state.waiting.reason"),
                    Fields.text(live, path + ".state.waiting.message"),
                    Termination.read(live, path + ".state.terminated"),
                    Termination.read(live, path + ".lastState.terminated"));
        }

        boolean waitsOnError() {
            return WAITING_ERRORS.contains(waitingReason)
                    || waitingReason.startsWith("Err") || waitingReason.endsWith("Error") || waitingReason.endsWith("BackOff");
        }

        String waitingExplanation() {
            return waitingMessage.isEmpty()
                    ? "container \"%s\" is waiting: %s".formatted(name, waitingReason)
                    : waitingMessage;
        }
    }

    @Override
    public boolean appliesTo(String group, String kind) {
        return group.isEmpty() && kind.equals("Pod");
    }

    @Override
    public Health assess(JsonNode live) {
        boolean restartsForever = restartPolicy(live).equals("Always");
        List<Container> init = Container.readAll(live, "status.initContainerStatuses");
        List<Container> main = Container.readAll(live, "status.containerStatuses");
        // Init containers first: they run first, and a crashing one is the reason the others never start.
        List<Container> all = Stream.concat(init.stream(), main.stream()).toList();
        if (restartsForever) {
            List<String> errors = all.stream()
                    .filter(Container::waitsOnError)
                    .map(Container::waitingExplanation)
                    .toList();
            if (!errors.isEmpty()) {
                return Health.degraded(String.join(", ", errors));
            }
        }
        String message = Fields.text(live, "status.message");
        String phase = Fields.text(live, "status.phase");
        return switch (phase) {
            case "Pending" -> Health.progressing(message.isEmpty() ? pendingMessage(live) : message);
            case "Succeeded" -> Health.healthy(message);
            case "Failed" -> Health.degraded(message.isEmpty() ? failureMessage(all) : message);
            case "Running" -> restartsForever ? running(live, main, message) : Health.progressing(message);
            case "" -> Health.unknown("Pod has no status.phase");
            default -> Health.unknown("Unrecognised phase " + phase);
        };
    }

    private static String restartPolicy(JsonNode live) {
        String policy = Fields.text(live, "spec.restartPolicy");
        return policy.isEmpty() ? "Always" : policy;
    }

    private static Health running(JsonNode live, List<Container> containers, String message) {
        if (Conditions.of(live).isTrue("Ready")) {
            return Health.healthy(message);
        }
        for (Container container : containers) {
            if (container.lastTerminated().isPresent()) {
                Termination last = container.lastTerminated().get();
                return Health.degraded(message.isEmpty()
                        ? "container \"%s\" is not ready and last terminated: %s (exit code %d)"
                                .formatted(container.name(), last.reason().isEmpty() ? "exit" : last.reason(), last.exitCode())
                        : message);
            }
        }
        if (!message.isEmpty()) {
            return Health.progressing(message);
        }
        List<String> notReady = containers.stream().filter(container -> !container.ready()).map(Container::name).toList();
        return Health.progressing(notReady.isEmpty()
                ? "Pod is not ready"
                : "Waiting for containers to be ready: " + String.join(", ", notReady));
    }

    private static String pendingMessage(JsonNode live) {
        return Conditions.of(live).get("PodScheduled")
                .filter(Conditions.Condition::isFalse)
                .map(Conditions.Condition::message)
                .filter(message -> !message.isEmpty())
                .orElse("Pod is pending");
    }

    private static String failureMessage(List<Container> containers) {
        for (Container container : containers) {
            Optional<Termination> terminated = container.terminated();
            if (terminated.isEmpty()) {
                continue;
            }
            if (!terminated.get().message().isEmpty()) {
                return terminated.get().message();
            }
            if (terminated.get().reason().equals("OOMKilled")) {
                return "container \"%s\" was OOMKilled".formatted(container.name());
            }
            if (terminated.get().exitCode() != 0) {
                return "container \"%s\" failed with exit code %d".formatted(container.name(), terminated.get().exitCode());
            }
        }
        return "Pod failed";
    }
}

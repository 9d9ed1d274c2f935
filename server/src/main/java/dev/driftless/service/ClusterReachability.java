package dev.driftless.service;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Remembers how the last request a cluster's client made (a reconcile, a watch, a sync) went, so the cluster list
 * shows whether the API server answers without contacting it per request. An answer with 401 or a 5xx status counts
 * as failed; any other answer (403 and 404 included: the server is there) as connected. Messages name the status or
 * the kind of connection error, never a request or response body.
 */
final class ClusterReachability implements Interceptor {

    /** The interceptor's name in the client's chain. */
    static final String NAME = "driftless-reachability";

    private record Outcome(ClusterView.Connection connection, String message) {
    }

    private volatile Outcome last = new Outcome(ClusterView.Connection.UNKNOWN, "not contacted yet");

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        int code = response.code();
        if (code == 401) {
            last = new Outcome(ClusterView.Connection.FAILED, "the API server refused the credentials (HTTP 401)");
        } else if (code >= 500) {
            last = new Outcome(ClusterView.Connection.FAILED, "the API server answered HTTP " + code);
        } else {
            last = new Outcome(ClusterView.Connection.CONNECTED, "");
        }
    }

    @Override
    public void afterConnectionFailure(HttpRequest request, Throwable failure) {
        Throwable cause = rootCause(failure);
        last = new Outcome(ClusterView.Connection.FAILED, "cannot reach the API server: "
                + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    ClusterView applyTo(ClusterView view) {
        Outcome outcome = last;
        return view.withConnection(outcome.connection(), outcome.message());
    }
}

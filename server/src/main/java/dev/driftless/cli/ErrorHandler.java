package dev.driftless.cli;

import dev.driftless.engine.cluster.ClusterException;
import dev.driftless.engine.cluster.UnknownKindException;
import dev.driftless.engine.render.RenderException;
import dev.driftless.engine.source.SourceException;
import dev.driftless.engine.sync.PlanException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.UncheckedIOException;

/**
 * Turns failures into one clear line on standard error and the documented exit code. Messages come from the
 * engine, which never puts credentials or Secret values in them; stack traces are not printed.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getErr().println("error: " + describe(exception));
        commandLine.getErr().flush();
        return exitCode(exception);
    }

    /** An unknown kind or an unplannable set of objects is wrong input, even though the cluster had to be asked. */
    static int exitCode(Throwable exception) {
        return switch (exception) {
            case UnknownKindException e -> ExitCodes.BAD_INPUT;
            case PlanException e -> ExitCodes.BAD_INPUT;
            case ClusterException e -> ExitCodes.UNREACHABLE;
            case SourceException e -> ExitCodes.UNREACHABLE;
            case KubernetesClientException e -> ExitCodes.UNREACHABLE;
            case RenderException e -> ExitCodes.BAD_INPUT;
            case InputException e -> ExitCodes.BAD_INPUT;
            case UncheckedIOException e -> ExitCodes.BAD_INPUT;
            default -> ExitCodes.BAD_INPUT;
        };
    }

    private static String describe(Throwable exception) {
        if (exception instanceof KubernetesClientException e) {
            return "cluster request failed: " + (e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage() : e.getMessage());
        }
        return exception.getMessage() != null ? exception.getMessage() : exception.toString();
    }
}

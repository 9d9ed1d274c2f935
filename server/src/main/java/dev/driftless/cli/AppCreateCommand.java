package dev.driftless.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.client.Application;
import dev.driftless.engine.model.Documents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code driftless app create -f FILE}: an application from its declarative document. */
@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create an application from a YAML or JSON document (kind: Application, metadata, spec),",
                "as it would be written in the configuration directory."})
final class AppCreateCommand implements Callable<Integer> {

    static final String KIND = "Application";

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The Application document.")
    Path file;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        ObjectNode document = read(file);
        return client.run(api -> {
            Application created = api.createApplication(document);
            PrintWriter out = spec.commandLine().getOut();
            if (output.machineReadable()) {
                ClientOptions.print(out, output, created);
            } else {
                out.println("application " + created.name() + " created");
                out.flush();
            }
            return ExitCodes.OK;
        });
    }

    /** Checks what the server needs to name the application, so that a wrong file fails before any request. */
    static ObjectNode read(Path file) {
        return read(file, KIND);
    }

    /** One document of this kind, with a name and a spec, or an {@link InputException} saying what is wrong. */
    static ObjectNode read(Path file, String expectedKind) {
        List<JsonNode> documents;
        try (var values = Documents.YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(file))) {
            documents = values.readAll().stream().filter(document -> !document.isNull() && !document.isMissingNode()).toList();
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new InputException(file + ": not YAML or JSON"
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new InputException(file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        }
        if (documents.size() != 1 || !(documents.getFirst() instanceof ObjectNode document)) {
            throw new InputException(file + ": expected one " + expectedKind + " document, found "
                    + (documents.size() == 1 ? "a " + documents.getFirst().getNodeType().name().toLowerCase(Locale.ROOT) : documents.size() + " documents"));
        }
        String kind = document.path("kind").asText(expectedKind);
        if (!kind.equals(expectedKind)) {
            throw new InputException(file + ": kind is " + kind + ", expected " + expectedKind);
        }
        if (document.path("metadata").path("name").asText("").isBlank()) {
            throw new InputException(file + ": metadata.name is missing");
        }
        if (!document.path("spec").isObject()) {
            throw new InputException(file + ": spec is missing");
        }
        return document;
    }
}

package dev.driftless.cli;

import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.render.ManifestParser;
import dev.driftless.engine.render.RenderException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads objects from files named on the command line (YAML or JSON, several documents allowed). */
final class ManifestFiles {

    private ManifestFiles() {
    }

    static List<Manifest> read(Path file) throws RenderException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
        String name = file.toString();
        return name.endsWith(".json") ? ManifestParser.parseJson(text, name) : ManifestParser.parseYaml(text, name);
    }
}

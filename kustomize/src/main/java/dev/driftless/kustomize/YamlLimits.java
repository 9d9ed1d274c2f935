package dev.driftless.kustomize;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.CharArrayReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * YAML parsing bounded for input from people Driftless does not trust: every YAML reader of the project (Kustomize,
 * manifests, configuration) uses a factory from here.
 *
 * <ul>
 *   <li>A document may hold at most {@value #MAX_DOCUMENT_CODE_POINTS} code points (Kubernetes stores objects of at
 *       most 1.5 MiB), and values nest at most {@value #MAX_NESTING_DEPTH} deep.</li>
 *   <li>Aliases ({@code *name}) are refused. Jackson does not expand them but reads each as the anchor's name, a
 *       silently wrong value; expanding them is what a "billion laughs" document abuses to make a few lines into
 *       gigabytes.</li>
 * </ul>
 * Both fail with a {@link StreamReadException} that gives the line and column.
 */
public final class YamlLimits {

    public static final int MAX_DOCUMENT_CODE_POINTS = 3 * 1024 * 1024;
    public static final int MAX_NESTING_DEPTH = 200;

    private YamlLimits() {
    }

    /** A factory with {@code builder}'s settings and these limits. */
    public static YAMLFactory factory(YAMLFactoryBuilder builder) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_DOCUMENT_CODE_POINTS);
        builder.loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
        return new Factory(builder);
    }

    /**
     * A factory with the defaults of {@code new YAMLFactory()} and these limits. A builder starts with every parser
     * feature off, so an empty document would read as {@code ""} instead of {@code null}; the defaults are restored.
     */
    public static YAMLFactory factory() {
        YAMLFactoryBuilder builder = YAMLFactory.builder();
        for (YAMLParser.Feature feature : YAMLParser.Feature.values()) {
            builder.configure(feature, feature.enabledByDefault());
        }
        return factory(builder);
    }

    private static final class Factory extends YAMLFactory {

        Factory(YAMLFactoryBuilder builder) {
            super(builder);
        }

        private Factory(Factory source, ObjectCodec codec) {
            super(source, codec);
        }

        @Override
        public YAMLFactory copy() {
            return new Factory(this, null);
        }

        @Override
        protected YAMLParser _createParser(Reader reader, IOContext context) {
            return new AliasRefusingParser(context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec,
                    reader);
        }

        @Override
        protected YAMLParser _createParser(InputStream in, IOContext context) throws IOException {
            return _createParser(_createReader(in, null, context), context);
        }

        @Override
        protected YAMLParser _createParser(byte[] data, int offset, int length, IOContext context) throws IOException {
            return _createParser(_createReader(data, offset, length, null, context), context);
        }

        @Override
        protected YAMLParser _createParser(char[] data, int offset, int length, IOContext context,
                                           boolean recyclable) {
            return _createParser(new CharArrayReader(data, offset, length), context);
        }
    }

    private static final class AliasRefusingParser extends YAMLParser {

        AliasRefusingParser(IOContext context, int parserFeatures, int yamlFeatures, LoaderOptions options,
                            ObjectCodec codec, Reader reader) {
            super(context, parserFeatures, yamlFeatures, options, codec, reader);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = super.nextToken();
            if (isCurrentAlias()) {
                throw new JsonParseException(this, "YAML alias '*" + getText() + "' refused: aliases are not"
                        + " supported (they are what a billion-laughs document expands); repeat the value instead");
            }
            return token;
        }
    }
}

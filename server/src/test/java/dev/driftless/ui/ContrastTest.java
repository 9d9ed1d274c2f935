package dev.driftless.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

/**
 * WCAG 2 contrast (at least 4.5:1 for normal text) of the colours {@code ui/app.css} puts text in. The pairs are
 * read from the stylesheet, not listed here, so a colour changed there is checked here:
 * <ul>
 *   <li>every rule that sets both {@code color} and {@code background}: badges (tone-*), chips, buttons, errors,
 *       notices, feedback, the banner and the diff lines;</li>
 *   <li>every {@code --NAME-text} custom property on its {@code --NAME-bg};</li>
 *   <li>the page's text colours ({@code --text}, {@code --muted}, {@code --accent}) on the page ({@code --bg}) and
 *       on panels and table headers ({@code --panel}).</li>
 * </ul>
 * For instance {@code --muted: #4f5660} on {@code --panel: #f5f7f9} is 6.9:1; lightened to {@code #8a9099} it would
 * be 3.0:1 and this test would fail on that pair. The stylesheet writes colours as hex; a text or background colour
 * in any other form fails the test, since its contrast could not be judged.
 */
class ContrastTest {

    private static final double MINIMUM = 4.5;
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^{}]*)}");
    private static final Pattern DECLARATION = Pattern.compile("([-a-z]+)\\s*:\\s*([^;]+)");
    private static final Pattern VARIABLE = Pattern.compile("var\\((--[-a-z]+)\\)");
    private static final Pattern HEX = Pattern.compile("#(\\p{XDigit}{3}|\\p{XDigit}{6})");
    private static final Pattern TRANSLUCENT = Pattern.compile("#(\\p{XDigit}{4}|\\p{XDigit}{8})");

    record Pair(String where, String text, String background) {
    }

    @Test
    void everyTextColourHasAtLeast4Point5To1AgainstItsBackground() throws IOException {
        String css = stylesheet();
        Map<String, String> properties = customProperties(css);
        List<Pair> pairs = pairs(css, properties);

        assertThat(pairs).as("pairs read from app.css").hasSizeGreaterThanOrEqualTo(20)
                .anySatisfy(pair -> assertThat(pair.where()).contains(".tone-warn"));
        assertThat(pairs).allSatisfy(pair -> assertThat(contrast(pair.text(), pair.background()))
                .as("%s: %s on %s", pair.where(), pair.text(), pair.background()).isGreaterThanOrEqualTo(MINIMUM));
    }

    @Test
    void contrastIsComputedAsWcagDefinesIt() {
        assertThat(contrast("#000", "#ffffff")).isCloseTo(21.0, offset(0.001));
        assertThat(contrast("#ffffff", "#ffffff")).isCloseTo(1.0, offset(0.001));
        // The well-known greys either side of 4.5:1 on white.
        assertThat(contrast("#767676", "#ffffff")).isGreaterThanOrEqualTo(MINIMUM);
        assertThat(contrast("#777777", "#ffffff")).isLessThan(MINIMUM);
        assertThat(contrast("#777777", "#ffffff")).isEqualTo(contrast("#ffffff", "#777777"));
    }

    @Test
    void aRuleWithTooLittleContrastOrAnUnreadableColourIsFound() {
        String css = ":root { --pale: #8a9099; --panel: #f5f7f9; } .faint { color: var(--pale); background: var(--panel); }"
                + " .glass { color: #000; background: #0008; }";
        Map<String, String> properties = customProperties(css);

        assertThat(pairs(css.replace(" .glass { color: #000; background: #0008; }", ""), properties))
                .filteredOn(pair -> pair.where().equals(".faint"))
                .singleElement().satisfies(pair -> assertThat(contrast(pair.text(), pair.background())).isLessThan(MINIMUM));
        assertThatThrownBy(() -> pairs(css, properties)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".glass").hasMessageContaining("#0008");
    }

    private static String stylesheet() throws IOException {
        try (InputStream in = ContrastTest.class.getResourceAsStream("/ui/app.css")) {
            assertThat(in).as("ui/app.css on the classpath").isNotNull();
            return COMMENT.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8)).replaceAll("");
        }
    }

    private static Map<String, String> customProperties(String css) {
        Map<String, String> properties = new LinkedHashMap<>();
        Matcher rule = RULE.matcher(css);
        while (rule.find()) {
            if (rule.group(1).strip().equals(":root")) {
                declarations(rule.group(2)).forEach((name, value) -> {
                    if (name.startsWith("--")) {
                        properties.put(name, value);
                    }
                });
            }
        }
        return properties;
    }

    private static List<Pair> pairs(String css, Map<String, String> properties) {
        List<Pair> pairs = new ArrayList<>();
        Matcher rule = RULE.matcher(css);
        while (rule.find()) {
            String selector = rule.group(1).strip();
            Map<String, String> declarations = declarations(rule.group(2));
            String color = declarations.get("color");
            String background = declarations.getOrDefault("background", declarations.get("background-color"));
            // Without a background of its own (none, transparent) the text is on the page, checked below.
            if (color != null && background != null && !List.of("none", "transparent").contains(background)) {
                pairs.add(new Pair(selector, resolve(selector, color, properties),
                        resolve(selector, background, properties)));
            }
        }
        properties.keySet().stream().filter(name -> name.endsWith("-text")).forEach(text -> {
            String background = text.replaceFirst("-text$", "-bg");
            Optional.ofNullable(properties.get(background)).ifPresent(value -> pairs.add(new Pair(text + " on " + background,
                    resolve(text, properties.get(text), properties), resolve(background, value, properties))));
        });
        for (String text : List.of("--text", "--muted", "--accent")) {
            for (String background : List.of("--bg", "--panel")) {
                if (properties.containsKey(text) && properties.containsKey(background)) {
                    pairs.add(new Pair(text + " on " + background, resolve(text, properties.get(text), properties),
                            resolve(background, properties.get(background), properties)));
                }
            }
        }
        return pairs;
    }

    private static Map<String, String> declarations(String block) {
        Map<String, String> declarations = new LinkedHashMap<>();
        Matcher declaration = DECLARATION.matcher(block);
        while (declaration.find()) {
            declarations.put(declaration.group(1), declaration.group(2).strip());
        }
        return declarations;
    }

    /** The hex colour a value names, directly or through custom properties. */
    private static String resolve(String where, String value, Map<String, String> properties) {
        Matcher variable = VARIABLE.matcher(value);
        if (variable.matches()) {
            String referenced = properties.get(variable.group(1));
            if (referenced == null) {
                throw new IllegalArgumentException(where + ": " + variable.group(1) + " is not defined in :root");
            }
            return resolve(where, referenced, properties);
        }
        if (HEX.matcher(value).matches()) {
            return value;
        }
        String why = TRANSLUCENT.matcher(value).matches() ? "is translucent, so its contrast depends on what is beneath"
                : "is not a #rgb or #rrggbb colour";
        throw new IllegalArgumentException(where + ": " + value + " " + why);
    }

    static double contrast(String first, String second) {
        double a = luminance(first);
        double b = luminance(second);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    /** Relative luminance, WCAG 2: linearised sRGB channels weighted 0.2126, 0.7152, 0.0722. */
    private static double luminance(String hex) {
        String digits = hex.substring(1);
        if (digits.length() == 3) {
            digits = digits.replaceAll("(.)", "$1$1");
        }
        double red = channel(Integer.parseInt(digits.substring(0, 2), 16));
        double green = channel(Integer.parseInt(digits.substring(2, 4), 16));
        double blue = channel(Integer.parseInt(digits.substring(4, 6), 16));
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
    }

    private static double channel(int value) {
        double srgb = value / 255.0;
        return srgb <= 0.04045 ? srgb / 12.92 : Math.pow((srgb + 0.055) / 1.055, 2.4);
    }
}

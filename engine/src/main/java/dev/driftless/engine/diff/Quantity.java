package dev.driftless.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity ({@code 500m}, {@code 1Gi}, {@code 1e3}) reduced to its exact value, so that
 * {@code 1000m}, {@code 1} and {@code 1.0} are equal. Records compare by value: the value is stored without
 * trailing zeros.
 */
public record Quantity(BigDecimal value) {

    private static final Pattern SYNTAX = Pattern.compile("([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(.*)");
    private static final Pattern EXPONENT = Pattern.compile("[eE]([+-]?[0-9]+)");
    private static final BigDecimal KIBI = BigDecimal.valueOf(1024);
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("n", BigDecimal.ONE.scaleByPowerOfTen(-9)),
            Map.entry("u", BigDecimal.ONE.scaleByPowerOfTen(-6)),
            Map.entry("m", BigDecimal.ONE.scaleByPowerOfTen(-3)),
            Map.entry("k", BigDecimal.ONE.scaleByPowerOfTen(3)),
            Map.entry("M", BigDecimal.ONE.scaleByPowerOfTen(6)),
            Map.entry("G", BigDecimal.ONE.scaleByPowerOfTen(9)),
            Map.entry("T", BigDecimal.ONE.scaleByPowerOfTen(12)),
            Map.entry("P", BigDecimal.ONE.scaleByPowerOfTen(15)),
            Map.entry("E", BigDecimal.ONE.scaleByPowerOfTen(18)),
            Map.entry("Ki", KIBI),
            Map.entry("Mi", KIBI.pow(2)),
            Map.entry("Gi", KIBI.pow(3)),
            Map.entry("Ti", KIBI.pow(4)),
            Map.entry("Pi", KIBI.pow(5)),
            Map.entry("Ei", KIBI.pow(6)));

    public Quantity {
        value = Objects.requireNonNull(value, "value").stripTrailingZeros();
    }

    /**
     * Parses the Kubernetes quantity syntax: a signed decimal number followed by a binary-SI suffix
     * ({@code Ki}..{@code Ei}), a decimal-SI suffix ({@code n u m k M G T P E}) or a decimal exponent ({@code e3}).
     *
     * @throws IllegalArgumentException naming the text when it is not a quantity
     */
    public static Quantity parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                "not a Kubernetes quantity: '" + text + "' (expected a number with an optional suffix such as 500m, 1Gi or 1e3)"));
    }

    /** The quantity a text spells, or empty when it is not one. */
    public static Optional<Quantity> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = SYNTAX.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(matcher.group(1));
        String suffix = matcher.group(2);
        BigDecimal multiplier = SUFFIXES.get(suffix);
        if (multiplier != null) {
            return Optional.of(new Quantity(number.multiply(multiplier)));
        }
        Matcher exponent = EXPONENT.matcher(suffix);
        if (exponent.matches() && exponent.group(1).length() <= 9) {
            return Optional.of(new Quantity(number.scaleByPowerOfTen(Integer.parseInt(exponent.group(1)))));
        }
        return Optional.empty();
    }

    /** The quantity a document value spells: a JSON number or a quantity string; empty for anything else. */
    public static Optional<Quantity> of(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isNumber()) {
            return Optional.of(new Quantity(node.decimalValue()));
        }
        return node.isTextual() ? tryParse(node.textValue()) : Optional.empty();
    }
}

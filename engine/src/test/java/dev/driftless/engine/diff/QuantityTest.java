package dev.driftless.engine.diff;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuantityTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "1000m, 1",
            "1, 1000m",
            "0.5, 500m",
            ".5, 500m",
            "1Gi, 1024Mi",
            "1Ki, 1024",
            "1Mi, 1048576",
            "1.5Gi, 1536Mi",
            "1k, 1000",
            "1M, 1000000",
            "1e3, 1k",
            "1E3, 1000",
            "2e-3, 2m",
            "1E, 1000P",
            "1Ei, 1024Pi",
            "100n, 0.0000001",
            "250u, 0.25m",
            "+2, 2",
            "-1, -1000m",
            "0, 0m",
            "1.000, 1"})
    void equalQuantitiesParseToTheSameValue(String left, String right) {
        assertThat(Quantity.parse(left)).isEqualTo(Quantity.parse(right));
    }

    @Test
    void valuesAreExact() {
        assertThat(Quantity.parse("1Gi").value()).isEqualByComparingTo(new BigDecimal("1073741824"));
        assertThat(Quantity.parse("100m").value()).isEqualByComparingTo(new BigDecimal("0.1"));
        assertThat(Quantity.parse("3e2").value()).isEqualByComparingTo(new BigDecimal("300"));
    }

    @Test
    void differentQuantitiesDiffer() {
        assertThat(Quantity.parse("1G")).isNotEqualTo(Quantity.parse("1Gi"));
        assertThat(Quantity.parse("1m")).isNotEqualTo(Quantity.parse("1M"));
        assertThat(Quantity.parse("999m")).isNotEqualTo(Quantity.parse("1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Gi", "1KB", "1K", "1 Gi", "abc", "1.2.3", "1e", "1ee3", "1Gii", "--1", "1e3Gi"})
    void rejectsTextThatIsNotAQuantity(String text) {
        assertThat(Quantity.tryParse(text)).isEmpty();
        assertThatThrownBy(() -> Quantity.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Kubernetes quantity: '" + text + "'");
    }

    @Test
    void readsDocumentNumbersAndStrings() {
        assertThat(Quantity.of(DoubleNode.valueOf(0.5))).contains(Quantity.parse("500m"));
        assertThat(Quantity.of(IntNode.valueOf(2))).contains(Quantity.parse("2000m"));
        assertThat(Quantity.of(TextNode.valueOf("2Gi"))).contains(Quantity.parse("2048Mi"));
        assertThat(Quantity.of(TextNode.valueOf("lots"))).isEmpty();
        assertThat(Quantity.of(null)).isEmpty();
    }
}

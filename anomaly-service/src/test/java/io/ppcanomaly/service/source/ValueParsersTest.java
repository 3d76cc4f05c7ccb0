package io.ppcanomaly.service.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.service.source.ValueParsers.CellException;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueParsersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "12.5|12.5", "$1,234.56|1234.56", "1.234,56 €|1234.56", "USD 7|7", "US$ 7.10|7.1", "£0.99|0.99",
        "1,234|1234", "12,5|12.5", "1,234,567|1234567", "1.234.567|1234567", "0|0", "€ 3|3", "7 EUR|7",
        "1\u00a0234,50 €|1234.5", "+3.5|3.5"})
    void moneyAcceptsCurrencySymbolsAndThousandsSeparators(String cell, double expected) throws CellException {
        assertThat(ValueParsers.money(cell, "spend")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"-5|NEGATIVE", "($5.00)|NEGATIVE", "-$5|NEGATIVE", "$-5|NEGATIVE",
        "12abc|NON_NUMERIC", "abc|NON_NUMERIC", "1e5|NON_NUMERIC", "NaN|NON_NUMERIC", "' '|MISSING_VALUE"})
    void moneyRefusesNegativeAndNonNumericValues(String cell, RowProblem problem) {
        assertThatThrownBy(() -> ValueParsers.money(cell, "spend")).isInstanceOf(CellException.class)
                .satisfies(e -> assertThat(((CellException) e).problem).isEqualTo(problem));
    }

    @Test
    void countsAcceptThousandsSeparatorsAndRefuseFractions() throws CellException {
        assertThat(ValueParsers.count("1,234", "impressions")).isEqualTo(1234);
        assertThat(ValueParsers.count("1.234", "impressions")).isEqualTo(1234);
        assertThat(ValueParsers.count("12.0", "clicks")).isEqualTo(12);
        assertThatThrownBy(() -> ValueParsers.count("1.5", "clicks")).hasMessage("clicks must be a whole number");
        assertThatThrownBy(() -> ValueParsers.count("-1", "clicks")).hasMessage("clicks must be >= 0");
    }

    @Test
    void datesComeInTheFormatsReportsUse() throws CellException {
        LocalDateTime d = LocalDateTime.of(2026, 3, 14, 0, 0);
        for (String s : new String[] {"2026-03-14", "2026/03/14", "20260314", "3/14/2026", "Mar 14, 2026",
            "14 Mar 2026", "MAR 14, 2026"}) {
            assertThat(ValueParsers.period(s)).as(s).isEqualTo(d);
        }
        assertThat(ValueParsers.period("2026-03-14 11:00")).isEqualTo(d.plusHours(11));
        assertThat(ValueParsers.period("2026-03-14T11:00:00")).isEqualTo(d.plusHours(11));
        assertThatThrownBy(() -> ValueParsers.period("14/03/2026")).isInstanceOf(CellException.class);
    }
}

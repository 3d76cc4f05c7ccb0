package io.ppcanomaly.service.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    @Test
    void readsQuotedFieldsDoubledQuotesAndLineBreaksInsideQuotes() throws IOException {
        CsvReader r = new CsvReader(new StringReader("\uFEFFa,\"b,c\",\"say \"\"hi\"\"\"\r\n\r\n1,\"two\nlines\",3\n4,5,"),
                ',');
        assertThat(r.next()).containsExactly("a", "b,c", "say \"hi\"");
        assertThat(r.line()).isEqualTo(1);
        assertThat(r.next()).containsExactly("1", "two\nlines", "3");
        assertThat(r.line()).isEqualTo(3);
        assertThat(r.next()).containsExactly("4", "5", "");
        assertThat(r.line()).isEqualTo(5);
        assertThat(r.next()).isNull();
    }

    @Test
    void anUnclosedQuoteFailsNamingTheLine() throws IOException {
        CsvReader r = new CsvReader(new StringReader("a,b\n\"open,c\n"), ',');
        r.next();
        assertThatThrownBy(r::next).hasMessage("line 2: a quoted field is not closed before the end of the input");
    }

    @Test
    void guessesTheDelimiterFromTheHeader() {
        assertThat(CsvReader.guessDelimiter("a,b,c")).isEqualTo(',');
        assertThat(CsvReader.guessDelimiter("a;b;\"c,d\"")).isEqualTo(';');
        assertThat(CsvReader.guessDelimiter("a\tb\tc")).isEqualTo('\t');
        assertThat(CsvReader.guessDelimiter("single")).isEqualTo(',');
    }

    @Test
    void writerQuotesOnlyWhatNeedsIt() {
        assertThat(CsvWriter.quote("plain", ',')).isEqualTo("plain");
        assertThat(CsvWriter.quote("a,b", ',')).isEqualTo("\"a,b\"");
        assertThat(CsvWriter.quote("say \"hi\"", ',')).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(List.of(CsvWriter.quote(null, ','))).containsExactly("");
    }
}

package dev.mnemo.tokens;

import static dev.mnemo.tokens.O200kSamples.regexPieces;
import static dev.mnemo.tokens.O200kSamples.splitterPieces;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The splitter must yield the regex's pieces themselves, so a bug cannot hide behind equal sums. */
class O200kAsciiSplitterTest {

    @Test
    void splitsEdgeCasesAsTheRegexDoes() {
        assertThat(splitterPieces("Hello, WORLD's end")).containsExactly("Hello", ",", " WORLD's", " end");
        assertThat(splitterPieces("we'LL don'T it'sa 'tis")).containsExactly("we'LL", " don'T", " it's", "a", " '", "tis");
        assertThat(splitterPieces("HTTPServer camelCase")).containsExactly("HTTPServer", " camel", "Case");
        assertThat(splitterPieces("1234567 x")).containsExactly("123", "456", "7", " x");
        assertThat(splitterPieces(" !?/\n/x \"a")).containsExactly(" !?/\n/", "x", " \"", "a");
        assertThat(splitterPieces("a  \n \r  b   ")).containsExactly("a", "  \n \r", " ", " b", "   ");
        assertThat(splitterPieces("a\t\tb\u000Bc\u001Cd")).containsExactly("a", "\t", "\tb", "\u000Bc", "\u001Cd");
        assertThat(splitterPieces(" 12 \n")).containsExactly(" ", "12", " \n");
    }

    @Test
    void randomEdgeHeavyTextsSplitAsTheRegexDoes() {
        for (String text : O200kSamples.randomAscii(20_240_601L, 30_000)) {
            assertThat(splitterPieces(text)).as("pieces of %s", escaped(text)).isEqualTo(regexPieces(text));
        }
    }

    @Test
    void everyShortStringOverTheEdgeCharsSplitsAsTheRegexDoes() {
        List<String> texts = new ArrayList<>(O200kSamples.allStrings("aZ1 \t\n\r\u000B\u001C'sl/!", 4));
        for (char first = 0; first < 0x80; first++) {
            for (char second = 0; second < 0x80; second++) {
                texts.add(String.valueOf(new char[] {first, second}));
            }
        }
        for (String text : texts) {
            assertThat(splitterPieces(text)).as("pieces of %s", escaped(text)).isEqualTo(regexPieces(text));
        }
    }

    @Test
    void licenseProseSplitsAsTheRegexDoes() {
        for (String text : O200kSamples.licenseTexts()) {
            assertThat(splitterPieces(text)).isEqualTo(regexPieces(text));
        }
    }

    /** Why a piece can be counted alone: the regex splits each of its pieces into that piece only. */
    @Test
    void eachPieceSplitAloneIsItself() {
        Stream.concat(O200kSamples.randomAscii(7L, 5_000).stream(), O200kSamples.licenses().stream())
                .flatMap(text -> regexPieces(text).stream())
                .forEach(piece -> assertThat(regexPieces(piece)).as("pieces of %s", escaped(piece)).containsExactly(piece));
    }

    private static String escaped(String text) {
        StringBuilder escaped = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            escaped.append(c < 0x20 || c == 0x7F ? String.format("\\x%02X", (int) c) : String.valueOf(c));
        }
        return escaped.append('"').toString();
    }
}

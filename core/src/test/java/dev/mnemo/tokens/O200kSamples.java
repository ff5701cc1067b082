package dev.mnemo.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Texts and the reference tokenizer that the o200k tests compare against. */
final class O200kSamples {

    static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    /** JTokkit 1.1.0's o200k_base pre-tokenizer, the definition the splitter must follow. */
    static final Pattern PATTERN = Pattern.compile(String.join("|",
            "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
            "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
            "\\p{N}{1,3}",
            " ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*",
            "\\s*[\\r\\n]+",
            "\\s+(?!\\S)",
            "\\s+"), Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

    /** Fragments heavy in the regex's edge cases: whitespace kinds, contractions, digit runs, case mixes. */
    private static final String[] FRAGMENTS = {
        " ", " ", " ", "  ", "\t", "\n", "\r", "\r\n", "\n\n", "\u000B", "\f", "\u001C", "\u001D", "\u001E", "\u001F",
        "\u0000", "\u007F", "0", "7", "42", "123", "2024", "1234567", "a", "x", "I", "A", "word", "Word", "WORD", "wORd",
        "camelCase", "HTTPServer", "'", "'s", "'S", "'t", "'T", "'re", "'RE", "'Re", "'rE", "'ve", "'VE", "'m", "'M",
        "'ll", "'LL", "'lL", "'d", "'D", "'r", "'v", "'l", "'e", "''", "s", "t", "re", "ll", "/", "//", "/\n", "\n/",
        "!", "?", ".", "...", ",", "-", "--", "_", "\"", "(", ")", "{", "}", "[", "]", ":", ";", "#", "@", "`", "~",
        "\\", "<|endoftext|>", "don't", "we'LL", "it's", "O'Neil", "\t\t", "   ", " \n ", "\r \r", "\f\n\u000B"};

    private O200kSamples() {
    }

    /** @return the pieces JTokkit's regex splits {@code text} into */
    static List<String> regexPieces(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher matcher = PATTERN.matcher(text);
        while (matcher.find()) {
            pieces.add(matcher.group());
        }
        return pieces;
    }

    /** @return the pieces {@link O200kAsciiSplitter} splits all-ASCII {@code text} into */
    static List<String> splitterPieces(String text) {
        List<String> pieces = new ArrayList<>();
        for (int start = 0, end; start < text.length(); start = end) {
            end = O200kAsciiSplitter.pieceEnd(text, start);
            pieces.add(text.substring(start, end));
        }
        return pieces;
    }

    /** @return {@code count} random ASCII texts of up to 40 fragments or single chars, from {@code seed} */
    static List<String> randomAscii(long seed, int count) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(41);
            for (int part = 0; part < parts; part++) {
                if (random.nextInt(5) == 0) {
                    text.append((char) random.nextInt(0x80));
                } else {
                    text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                }
            }
            texts.add(text.toString());
        }
        return texts;
    }

    /** @return every string of length 1 to {@code maxLength} over {@code alphabet} */
    static List<String> allStrings(String alphabet, int maxLength) {
        List<String> all = new ArrayList<>();
        List<String> previous = List.of("");
        for (int length = 1; length <= maxLength; length++) {
            List<String> current = new ArrayList<>();
            for (String prefix : previous) {
                for (char c : alphabet.toCharArray()) {
                    current.add(prefix + c);
                }
            }
            all.addAll(current);
            previous = current;
        }
        return all;
    }

    /** @return the whole texts of the license files in /usr/share/common-licenses, English prose in ASCII */
    static List<String> licenses() {
        Path directory = Path.of("/usr/share/common-licenses");
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException(directory + " is missing; install it with: apt-get install base-files");
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<String> texts = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                texts.add(Files.readString(file));
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return each license whole, then its paragraphs, then its lines (with and without the line end) */
    static List<String> licenseTexts() {
        List<String> texts = new ArrayList<>();
        for (String license : licenses()) {
            texts.add(license);
            texts.addAll(List.of(license.split("\n\n")));
            texts.addAll(List.of(license.split("(?<=\n)")));
            texts.addAll(List.of(license.split("\n")));
        }
        return texts;
    }
}

package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds a README's Java snippets to code the build compiles: each {@code ```java} block of a README
 * (or of one of its sections), indented in a list or not, must appear, whitespace aside, in a source
 * file of the tests, its import lines among that file's imports. A snippet that no longer compiles then fails the build,
 * and one edited in the README alone fails this check.
 */
public final class Snippets {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern HEADING = Pattern.compile("^#{1,6} .*$", Pattern.MULTILINE);

    private Snippets() {
    }

    /**
     * @param readme  the README
     * @param section the text of the heading whose section to read (up to the next heading), or
     *                {@code ""} for the whole file
     * @return its Java blocks, in order
     */
    public static List<String> javaBlocks(Path readme, String section) {
        String text = read(readme);
        if (!section.isEmpty()) {
            Matcher headings = HEADING.matcher(text);
            int start = -1;
            int end = text.length();
            while (headings.find()) {
                if (start >= 0) {
                    end = headings.start();
                    break;
                }
                if (headings.group().replaceFirst("^#+ ", "").equals(section)) {
                    start = headings.end();
                }
            }
            assertThat(start).as("the section \"%s\" of %s", section, readme).isNotNegative();
            text = text.substring(start, end);
        }
        List<String> blocks = new ArrayList<>();
        Matcher block = JAVA_BLOCK.matcher(text);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }

    /**
     * Asserts that every Java block of {@code readme} (or of its {@code section}) is code of {@code source}.
     *
     * @return how many blocks were checked, at least one
     */
    public static int assertCompiled(Path readme, String section, Path source) {
        String code = read(source);
        String flat = flat(code);
        List<String> blocks = javaBlocks(readme, section);
        assertThat(blocks).as("the Java snippets of %s %s", readme, section).isNotEmpty();
        for (String block : blocks) {
            StringBuilder body = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.strip().startsWith("import ")) {
                    assertThat(code).as("an import of a snippet of %s", readme).contains("\n" + line.strip() + "\n");
                } else {
                    body.append(line).append('\n');
                }
            }
            assertThat(flat).as("%s holds this snippet of %s %s:%n%s", source, readme, section, body)
                    .contains(flat(body.toString()));
        }
        return blocks.size();
    }

    /**
     * Asserts that the Java blocks of a framework adapter's README and of its section of the main
     * README are code of {@code snippets}, a test class of the adapter read from its source; run from
     * the adapter's directory ({@code integrations/<name>}), as Maven runs its tests.
     *
     * @param snippets    the class that holds the snippets
     * @param mainSection the heading of the adapter's section in the main README
     */
    public static void assertAdapterReadmes(Class<?> snippets, String mainSection) {
        Path source = Path.of("src/test/java", snippets.getName().replace('.', '/') + ".java");
        assertCompiled(Path.of("README.md"), "", source);
        assertCompiled(Path.of("../../README.md"), mainSection, source);
    }

    /** @return {@code text} with every run of white space one space, and none next to brackets */
    private static String flat(String text) {
        return text.strip().replaceAll("\\s+", " ").replaceAll(" ?([(){}\\[\\];,.]) ?", "$1");
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

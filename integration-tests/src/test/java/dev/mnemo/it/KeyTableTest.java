package dev.mnemo.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.spi.ConfigKeys;
import dev.mnemo.spi.support.KnownKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's key table is the keys every module declares, as {@link KnownKeys#markdownTable()}
 * prints them: a key added, renamed or redocumented in its module fails this test until the table is
 * regenerated, which {@code -Dkeytable.write} does (see {@link #REGENERATE}).
 */
class KeyTableTest {

    private static final Path README = Path.of("..", "README.md");
    private static final String START = "<!-- keys:start -->\n";
    private static final String END = "<!-- keys:end -->";
    private static final String REGENERATE = "mvn -o -q verify -pl integration-tests -am -Dtest=KeyTableTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dkeytable.write";

    @Test
    void theReadmeKeyTableIsTheKeysEveryModuleDeclares() throws IOException {
        KnownKeys known = KnownKeys.discover(getClass().getClassLoader());
        assertThat(known.modules()).extracting(ConfigKeys::module).containsExactly("mnemo-analytics", "mnemo-core",
                "mnemo-examples", "mnemo-store-firestore", "mnemo-store-memory", "mnemo-store-redis", "mnemo-testkit");
        String table = known.markdownTable();
        String readme = Files.readString(README);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README.md marks its key table with %s and %s", START.strip(), END).isNotNegative();
        assertThat(end).as("README.md marks its key table with %s and %s", START.strip(), END).isGreaterThan(start);
        String written = readme.substring(start + START.length(), end);
        if (!written.equals(table) && rewrite()) {
            Files.writeString(README, readme.substring(0, start + START.length()) + table + readme.substring(end));
            written = table;
        }
        assertThat(written).as("README.md's key table differs from the keys the modules declare; regenerate it with: %s",
                REGENERATE).isEqualTo(table);
    }

    /** {@code -Dkeytable.write}, which Maven passes on to the tests as {@code true}. */
    private static boolean rewrite() {
        String write = System.getProperty("keytable.write");
        return write != null && !write.equals("false");
    }
}

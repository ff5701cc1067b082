package dev.mnemo.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mnemo.WriteMode;
import dev.mnemo.JsonCodec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConfigKeysTest {

    @Test
    void flattensSetValuesToMnemoKeysInFormsMnemoReads() {
        MnemoProperties properties = new MnemoProperties(List.of("redis", "memory"), "tenant", null, null,
                WriteMode.WRITE_BEHIND, new MnemoProperties.Journal(50), Duration.ofMillis(250), null, null, null, null,
                null, null, new MnemoProperties.Redis("redis://localhost:6379", null, 80, Duration.ofHours(1), null, null,
                null, null, null), null);

        Map<String, String> keys = ConfigKeys.flatten("mnemo", properties);

        assertThat(keys).containsExactlyInAnyOrderEntriesOf(Map.of(
                "mnemo.tiers", "redis,memory",
                "mnemo.namespace", "tenant",
                "mnemo.write-mode", "WRITE_BEHIND",
                "mnemo.journal.max-messages", "50",
                "mnemo.flush-interval", "PT0.25S",
                "mnemo.redis.uri", "redis://localhost:6379",
                "mnemo.redis.window-size", "80",
                "mnemo.redis.ttl", "PT1H"));
    }

    @Test
    void everyKeyOfTheReadmeConfigurationTableHasGeneratedMetadata() throws Exception {
        Set<String> documented = readmeKeys(Files.readString(Path.of("../../README.md")));
        Set<String> described = new TreeSet<>();
        try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            for (JsonNode property : JsonCodec.mapper().readTree(json).get("properties")) {
                described.add(property.get("name").asText());
            }
        }

        assertThat(documented).hasSizeGreaterThan(40);
        assertThat(described).containsAll(documented);
    }

    /** The keys of the README's Configuration table; "`mnemo.a.b` / `c`" names mnemo.a.b and mnemo.a.c. */
    private static Set<String> readmeKeys(String readme) {
        Set<String> keys = new TreeSet<>();
        Pattern code = Pattern.compile("`([^`]+)`");
        for (String line : readme.lines().filter(line -> line.startsWith("| `mnemo.")).toList()) {
            Matcher names = code.matcher(line.split("\\|")[1]);
            List<String> cell = new ArrayList<>();
            while (names.find()) {
                cell.add(names.group(1));
            }
            String first = cell.get(0);
            keys.add(first);
            String parent = first.substring(0, first.lastIndexOf('.') + 1);
            cell.subList(1, cell.size()).forEach(sibling -> keys.add(parent + sibling));
        }
        return keys;
    }
}

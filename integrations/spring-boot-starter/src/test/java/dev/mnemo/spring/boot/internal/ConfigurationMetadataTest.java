package dev.mnemo.spring.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mnemo.JsonCodec;
import dev.mnemo.spi.ConfigKeys;
import dev.mnemo.spi.StoreProvider;
import dev.mnemo.spi.support.KnownKeys;
import dev.mnemo.spring.boot.MapTierProvider;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ConfigurationMetadataTest {

    /** The modules and tiers of the starter's own class path: this test's, less the stand-in tier of the tests. */
    private static final KnownKeys MAIN = KnownKeys.of(KnownKeys.discover(ConfigurationMetadataTest.class.getClassLoader())
            .modules().stream().filter(module -> !(module instanceof MapTierProvider)).toList());
    private static final List<String> TIERS = ServiceLoader.load(StoreProvider.class).stream()
            .map(provider -> provider.get().name()).filter(tier -> !tier.equals("map-tier")).sorted().toList();

    @Test
    void theBuildWroteTheMetadataOfEveryKeyTheModulesOnTheClassPathDeclare() throws Exception {
        JsonNode written;
        try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(json).as("written by the build's process-classes phase").isNotNull();
            written = JsonCodec.mapper().readTree(json);
        }
        assertThat(MAIN.modules()).extracting(ConfigKeys::module).contains("mnemo-core", "mnemo-store-memory",
                "mnemo-store-redis", "mnemo-store-firestore", "mnemo-analytics");
        assertThat(TIERS).containsExactly("firestore", "memory", "redis");
        assertThat(written).isEqualTo(ConfigurationMetadata.of(MAIN, TIERS));
    }

    @Test
    void eachKeyHasItsTypeDescriptionAndDefaultAndEachTierItsOwnKeys() {
        Map<String, JsonNode> properties = new HashMap<>();
        ConfigurationMetadata.of(MAIN, TIERS).get("properties").forEach(property -> properties.put(property.get("name")
                .asText(), property));

        assertThat(properties.get("mnemo.call-timeout").get("type").asText()).isEqualTo("java.time.Duration");
        assertThat(properties.get("mnemo.call-timeout").get("defaultValue").asText()).isEqualTo("5s");
        assertThat(properties.get("mnemo.redis.window-size").get("type").asText()).isEqualTo("java.lang.Integer");
        assertThat(properties.get("mnemo.redis.uri").get("description").asText()).contains("rediss://");
        assertThat(properties.get("mnemo.firestore.project-id").get("defaultValue").asText()).startsWith("none (tier off)");
        assertThat(properties.get("mnemo.firestore.resilience.timeout").get("defaultValue").asText())
                .isEqualTo("mnemo.resilience.timeout");
        assertThat(properties).containsKeys("mnemo.memory.resilience.retry-attempts", "mnemo.redis.resilience.timeout",
                "mnemo.analytics.sink", "mnemo.analytics.firestore.max-answers").doesNotContainKey("mnemo.map-tier.down")
                .noneSatisfy((name, property) -> assertThat(name).contains("<tier>"));
    }
}

package dev.mnemo.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.MnemoConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    @Test
    void typedValuesAreReadWithDefaults() {
        ConfigReader reader = StoreConfig.of(Map.of("p.ttl", "2h", "p.timeout", "250ms", "p.iso", "PT5S",
                "p.n", "7", "p.flag", "TRUE", "p.list", " a, b ,,c ")).reader("p");
        assertThat(reader.duration("ttl", Duration.ZERO, Duration.ZERO)).isEqualTo(Duration.ofHours(2));
        assertThat(reader.duration("timeout", Duration.ZERO, Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(reader.duration("iso", Duration.ZERO, Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));
        assertThat(reader.duration("unset", Duration.ofDays(1), Duration.ZERO)).isEqualTo(Duration.ofDays(1));
        assertThat(reader.integer("n", 1, 1)).isEqualTo(7);
        assertThat(reader.bool("flag", false)).isTrue();
        assertThat(reader.list("list", List.of())).containsExactly("a", "b", "c");
        reader.validate();
    }

    @Test
    void everyBadKeyIsReportedAtOnce() {
        StoreConfig config = StoreConfig.of(Map.of("mnemo.namespace", "a/b", "mnemo.max-content-bytes", "-1",
                "mnemo.tiers", "memory"));
        assertThatThrownBy(() -> MnemoConfig.from(config))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mnemo.namespace")
                .hasMessageContaining("mnemo.max-content-bytes = '-1'");
    }

    @Test
    void propertiesAndFallbacksCompose() {
        Properties properties = new Properties();
        properties.setProperty("mnemo.namespace", "shop");
        StoreConfig config = StoreConfig.of(properties).orElse(StoreConfig.of(Map.of("mnemo.tiers", "redis,memory")));
        MnemoConfig settings = MnemoConfig.from(config);
        assertThat(settings.namespace()).isEqualTo("shop");
        assertThat(settings.tiers()).containsExactly("redis", "memory");
        assertThat(MnemoConfig.from(StoreConfig.DEFAULTS)).isEqualTo(MnemoConfig.ofDefaults());
    }
}

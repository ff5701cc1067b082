package dev.mnemo.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.MnemoConfig;
import dev.mnemo.WriteMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    private static final ConfigKey<Duration> TTL = ConfigKey.duration("mnemo.test.ttl", Duration.ofDays(1), Duration.ZERO, "a ttl");
    private static final ConfigKey<Integer> N = ConfigKey.integer("mnemo.test.n", 1, 1, 10, "a count");
    private static final ConfigKey<Boolean> FLAG = ConfigKey.bool("mnemo.test.flag", false, "a flag");
    private static final ConfigKey<List<String>> LIST = ConfigKey.list("mnemo.test.list", List.of(), "a list");
    private static final ConfigKey<String> URI = ConfigKey.string("mnemo.test.uri", null, "a uri").secret()
            .check(value -> value.startsWith("redis://") ? null : "expected a redis:// URI");

    @Test
    void typedValuesAreReadWithDefaults() {
        ConfigReader reader = StoreConfig.of(Map.of("mnemo.test.ttl", "2h", "mnemo.test.n", "7", "mnemo.test.flag", "TRUE",
                "mnemo.test.list", " a, b ,,c ")).reader();
        assertThat(reader.get(TTL)).isEqualTo(Duration.ofHours(2));
        assertThat(reader.get(N)).isEqualTo(7);
        assertThat(reader.get(FLAG)).isTrue();
        assertThat(reader.get(LIST)).containsExactly("a", "b", "c");
        assertThat(reader.get(URI)).isNull();
        reader.validate();
        assertThat(StoreConfig.DEFAULTS.reader().get(TTL)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void durationsTakeUnitsAndIso() {
        assertThat(TTL.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(TTL.parse("PT5S")).isEqualTo(Duration.ofSeconds(5));
        assertThat(ConfigKey.text(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(ConfigKey.text(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void everyBadKeyIsReportedAtOnceAndASecretValueIsNeverRepeated() {
        ConfigReader reader = StoreConfig.of(Map.of("mnemo.test.n", "11", "mnemo.test.flag", "yes",
                "mnemo.test.uri", "http://user:hunter2@host")).reader();
        assertThat(reader.get(N)).isEqualTo(1);
        reader.get(FLAG);
        reader.get(URI);
        assertThat(reader.problems()).containsExactly("mnemo.test.n expected 1 to 10, was 11",
                "mnemo.test.flag 'yes': expected true or false", "mnemo.test.uri not a valid value");
        assertThatThrownBy(reader::validate).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mnemo.test.n").hasMessageNotContaining("hunter2");
    }

    @Test
    void aBuilderValueIsCheckedByTheSameDeclaration() {
        assertThatThrownBy(() -> MnemoConfig.builder().callTimeout(Duration.ZERO).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mnemo.call-timeout");
        assertThatThrownBy(() -> MnemoConfig.from(StoreConfig.of(Map.of("mnemo.namespace", "a/b",
                "mnemo.max-content-bytes", "-1")))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mnemo.namespace").hasMessageContaining("mnemo.max-content-bytes");
    }

    @Test
    void propertiesAndFallbacksComposeAndListTheirKeys() {
        Properties properties = new Properties();
        properties.setProperty("mnemo.namespace", "shop");
        StoreConfig config = StoreConfig.of(properties).orElse(StoreConfig.of(Map.of("mnemo.tiers", "redis,memory",
                "mnemo.write-mode", "write-behind")));
        MnemoConfig settings = MnemoConfig.from(config);
        assertThat(settings.namespace()).isEqualTo("shop");
        assertThat(settings.tiers()).containsExactly("redis", "memory");
        assertThat(settings.writeMode()).isEqualTo(WriteMode.WRITE_BEHIND);
        assertThat(config.keys()).containsExactlyInAnyOrder("mnemo.namespace", "mnemo.tiers", "mnemo.write-mode");
        assertThat(MnemoConfig.from(StoreConfig.DEFAULTS)).isEqualTo(MnemoConfig.ofDefaults());
    }
}

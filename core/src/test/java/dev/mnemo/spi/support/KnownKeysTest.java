package dev.mnemo.spi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Mnemo;
import dev.mnemo.spi.StoreConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnownKeysTest {

    private final KnownKeys known = KnownKeys.discover(getClass().getClassLoader());

    @Test
    void aTypoIsRefusedWithTheNearestKeyAndEveryProblemIsListedAtOnce() {
        StoreConfig config = StoreConfig.of(Map.of("mnemo.namepsace", "shop", "mnemo.call-timeout", "soon",
                "mnemo.redis.resilience.timout", "1s", "other.key", "ignored"));
        assertThat(known.problems(config)).containsExactly(
                "mnemo.call-timeout 'soon': expected a duration such as 500ms, 5s, 2h or PT2H",
                "\"mnemo.namepsace\": unknown key; did you mean mnemo.namespace?",
                "\"mnemo.redis.resilience.timout\": unknown key; did you mean mnemo.redis.resilience.timeout?");
    }

    @Test
    void buildFailsBeforeAnythingStartsNamingEveryBadKey() {
        assertThatThrownBy(() -> Mnemo.builder().ephemeral().config(StoreConfig.of(Map.of("mnemo.flush-intervall", "1s")))
                .build()).isInstanceOf(InvalidInputException.class).hasMessageContaining("mnemo.flush-intervall")
                .hasMessageContaining("did you mean mnemo.flush-interval?");
    }

    @Test
    void perTierKeysAndEnvironmentNamesAreKnownAndTheirValuesChecked() {
        assertThat(known.problems(StoreConfig.of(Map.of("mnemo.firestore.resilience.timeout", "2s",
                "MNEMO_CALL_TIMEOUT", "2s", "MNEMO_REDIS_RESILIENCE_RETRY_ATTEMPTS", "3")))).isEmpty();
        assertThat(known.problems(StoreConfig.of(Map.of("mnemo.redis.resilience.retry-attempts", "0"))))
                .containsExactly("mnemo.redis.resilience.retry-attempts expected at least 1, was 0");
        assertThat(known.problems(StoreConfig.of(Map.of("MNEMO_CALL_TIMOUT", "2s"))))
                .containsExactly("\"MNEMO_CALL_TIMOUT\": unknown key; did you mean mnemo.call-timeout?");
    }

    @Test
    void theKeyTableListsEveryDeclaredKeyWithItsDefault() {
        assertThat(known.markdownTable()).startsWith("| key | default | meaning |")
                .contains("| `mnemo.call-timeout` | `5s` | the deadline of every call")
                .contains("| `mnemo.<tier>.resilience.timeout` | `mnemo.resilience.timeout` |");
    }
}

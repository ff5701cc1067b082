package dev.mnemo.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.analytics.internal.SinkDiscovery;
import dev.mnemo.spi.AnalyticsSink;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.store.firestore.FirestoreAnalyticsSink;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sinks are found with ServiceLoader: the named one, else the available one of highest priority. */
class SinkDiscoveryTest {

    private static AnalyticsSink discover(String name, Map<String, String> keys) {
        return SinkDiscovery.discover(name, StoreConfig.of(keys), SinkDiscoveryTest.class.getClassLoader());
    }

    @Test
    void withFirestoreConfiguredItsSinkIsPreferred() {
        try (AnalyticsSink sink = discover("", Map.of("mnemo.firestore.emulator-host", "127.0.0.1:1"))) {
            assertThat(sink).isInstanceOf(FirestoreAnalyticsSink.class);
        }
    }

    @Test
    void aNamedSinkIsUsedEvenWhenAnotherHasAHigherPriority() {
        try (AnalyticsSink sink = discover("logging", Map.of("mnemo.firestore.emulator-host", "127.0.0.1:1"))) {
            assertThat(sink).isInstanceOf(LoggingAnalyticsSink.class);
        }
    }

    @Test
    void anUnknownSinkNameIsRefusedWithWhatWasFound() {
        assertThatThrownBy(() -> discover("kafka", Map.of())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("kafka").hasMessageContaining("logging").hasMessageContaining("firestore");
    }

    @Test
    void theBuilderReadsTheSinkFromTheConfig() {
        SessionAnalytics analytics = SessionAnalytics.builder()
                .config(StoreConfig.of(Map.of("mnemo.analytics.sink", "logging"))).build();
        assertThat(analytics.sink().name()).isEqualTo("logging");
        analytics.close();
    }
}

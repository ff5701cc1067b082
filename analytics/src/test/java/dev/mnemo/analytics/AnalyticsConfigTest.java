package dev.mnemo.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.StoreConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalyticsConfigTest {

    @Test
    void noKeysGiveTheDefaults() {
        assertThat(AnalyticsConfig.from(StoreConfig.DEFAULTS)).isEqualTo(AnalyticsConfig.ofDefaults());
        assertThat(AnalyticsConfig.ofDefaults().idleTimeout()).isZero();
        assertThat(AnalyticsConfig.ofDefaults().toBuilder().build()).isEqualTo(AnalyticsConfig.ofDefaults());
    }

    @Test
    void keysAreRead() {
        AnalyticsConfig config = AnalyticsConfig.from(StoreConfig.of(Map.of("mnemo.analytics.sink", "logging",
                "mnemo.analytics.idle-timeout", "45m", "mnemo.analytics.lease", "2m", "mnemo.analytics.retention", "1d",
                "mnemo.analytics.max-query-chars", "200")));
        assertThat(config.sink()).isEqualTo("logging");
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(45));
        assertThat(config.lease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.retention()).isEqualTo(Duration.ofDays(1));
        assertThat(config.maxQueryChars()).isEqualTo(200);
    }

    @Test
    void everyBadKeyIsReportedAtOnce() {
        StoreConfig bad = StoreConfig.of(Map.of("mnemo.analytics.sweep-interval", "often",
                "mnemo.analytics.sweep-limit", "0", "mnemo.analytics.retry-backoff", "10m",
                "mnemo.analytics.max-retry-backoff", "1m"));
        assertThatThrownBy(() -> AnalyticsConfig.from(bad)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mnemo.analytics.sweep-interval").hasMessageContaining("mnemo.analytics.sweep-limit")
                .hasMessageContaining("mnemo.analytics.max-retry-backoff: expected at least mnemo.analytics.retry-backoff (10m), was 1m");
        assertThatThrownBy(() -> AnalyticsConfig.builder().sweepLimit(0).build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mnemo.analytics.sweep-limit: expected at least 1, was 0");
    }

    @Test
    void aTypoFailsTheBuildWithTheNearestKey() {
        assertThatThrownBy(() -> SessionAnalytics.builder().config(StoreConfig.of(Map.of("mnemo.analytics.sinc", "logging")))
                .build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("did you mean mnemo.analytics.sink?");
    }
}

package dev.mnemo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.spi.StoreConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResilienceConfigTest {

    @Test
    void theDefaultsAreTheDocumentedConstants() {
        ResilienceConfig defaults = ResilienceConfig.from(StoreConfig.of(Map.of()), "firestore");
        assertThat(defaults).isEqualTo(ResilienceConfig.ofDefaults());
        assertThat(defaults.minimumCalls()).isEqualTo(ResilienceConfig.DEFAULT_MINIMUM_CALLS);
        assertThat(defaults.timeout()).isEqualTo(ResilienceConfig.DEFAULT_TIMEOUT);
        assertThat(defaults.setupTimeout()).isEqualTo(ResilienceConfig.DEFAULT_SETUP_TIMEOUT).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theSetupTimeoutIsReadForEveryTierAndOverriddenPerTier() {
        StoreConfig config = StoreConfig.of(Map.of("mnemo.resilience.setup-timeout", "20s",
                "mnemo.redis.resilience.setup-timeout", "5s"));
        assertThat(ResilienceConfig.from(config, "firestore").setupTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(ResilienceConfig.from(config, "redis").setupTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ResilienceConfig.from(config, "redis").toBuilder().build().setupTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aBadSetupTimeoutIsRefusedNamingIt() {
        assertThatThrownBy(() -> ResilienceConfig.from(StoreConfig.of(Map.of("mnemo.resilience.setup-timeout", "soon")), "redis"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("setup-timeout");
        assertThatThrownBy(() -> ResilienceConfig.builder().setupTimeout(Duration.ZERO).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mnemo.resilience.setup-timeout").hasMessageContaining("was 0s");
    }
}

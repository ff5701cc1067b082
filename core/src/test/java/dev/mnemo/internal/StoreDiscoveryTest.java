package dev.mnemo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.StoreConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreDiscoveryTest {

    private final ClassLoader loader = getClass().getClassLoader();

    private static List<String> names(List<MemoryStore> stores) {
        return stores.stream().map(MemoryStore::name).toList();
    }

    @Test
    void withoutExplicitTiersEveryAvailableProviderIsUsedByPriority() {
        StoreConfig config = StoreConfig.of(Map.of("test.alpha", "true", "test.beta", "true"));
        assertThat(names(StoreDiscovery.discover(List.of(), config, loader))).containsExactly("beta", "alpha");
    }

    @Test
    void unavailableProvidersAreLeftOut() {
        StoreConfig config = StoreConfig.of(Map.of("test.alpha", "true"));
        assertThat(names(StoreDiscovery.discover(List.of(), config, loader))).containsExactly("alpha");
    }

    @Test
    void explicitTiersWinInTheirOrderEvenWhenNotAvailable() {
        assertThat(names(StoreDiscovery.discover(List.of("alpha", "beta"), StoreConfig.DEFAULTS, loader)))
                .containsExactly("alpha", "beta");
    }

    @Test
    void unknownTierNamesAreReportedWithWhatWasFound() {
        assertThatThrownBy(() -> StoreDiscovery.discover(List.of("alpha", "redsi"), StoreConfig.DEFAULTS, loader))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("[redsi]")
                .hasMessageContaining("alpha").hasMessageContaining("beta");
    }

    @Test
    void aTierNamedTwiceIsRejected() {
        assertThatThrownBy(() -> StoreDiscovery.discover(List.of("alpha", "alpha"), StoreConfig.DEFAULTS, loader))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("twice");
    }

    @Test
    void whenNothingIsAvailableTheErrorSaysWhatWasLookedFor() {
        assertThatThrownBy(() -> StoreDiscovery.discover(List.of(), StoreConfig.DEFAULTS, loader))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dev.mnemo.spi.StoreProvider")
                .hasMessageContaining("mnemo-store-memory");
    }
}

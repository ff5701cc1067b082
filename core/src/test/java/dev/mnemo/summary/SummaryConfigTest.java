package dev.mnemo.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.StoreConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryConfigTest {

    @Test
    void theDefaultsAreEveryFiveMessagesOrTwoThousandTokens() {
        SummaryConfig defaults = SummaryConfig.from(StoreConfig.DEFAULTS);

        assertThat(defaults).isEqualTo(SummaryConfig.ofDefaults());
        assertThat(defaults.everyMessages()).isEqualTo(5);
        assertThat(defaults.everyTokens()).isEqualTo(2_000);
        assertThat(defaults.toBuilder().keepRecent(3).build().keepRecent()).isEqualTo(3);
    }

    @Test
    void keysAreReadBelowMnemoSummary() {
        SummaryConfig config = SummaryConfig.from(StoreConfig.of(Map.of("mnemo.summary.every-messages", "8",
                "mnemo.summary.every-tokens", "0", "mnemo.summary.keep-recent", "4",
                "mnemo.summary.page-size", "50", "mnemo.summary.threads", "2")));

        assertThat(config).isEqualTo(new SummaryConfig(8, 0, 4, 50, 2));
    }

    @Test
    void everyBadKeyIsReportedAtOnce() {
        StoreConfig bad = StoreConfig.of(Map.of("mnemo.summary.every-messages", "often",
                "mnemo.summary.page-size", "0", "mnemo.summary.threads", "-1"));

        assertThatThrownBy(() -> SummaryConfig.from(bad)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mnemo.summary.every-messages")
                .hasMessageContaining("mnemo.summary.page-size")
                .hasMessageContaining("mnemo.summary.threads");
    }

    @Test
    void theBuilderPutsTheBadValueInTheMessage() {
        assertThatThrownBy(() -> SummaryConfig.builder().pageSize(0).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mnemo.summary.page-size").hasMessageContaining("was 0");
    }
}

package dev.mnemo.examples.chatbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.StoreConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chatbot's settings: their defaults, how keys are read, and that every bad key is reported at once. */
class ChatbotSettingsTest {

    @Test
    void nothingSetIsEveryDefaultAndListensOnLoopbackOnly() {
        ChatbotSettings settings = ChatbotSettings.from(StoreConfig.DEFAULTS);
        assertThat(settings).isEqualTo(ChatbotSettings.ofDefaults());
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.maxConnections()).isEqualTo(512);
        assertThat(settings.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.maxHeaderBytes()).isEqualTo(8192);
        assertThat(settings.maxBodyBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(settings.threads()).isEqualTo(16);
        assertThat(settings.queue()).isEqualTo(64);
        assertThat(settings.ratePerMinute()).isEqualTo(60);
        assertThat(settings.rateBurst()).isEqualTo(20);
        assertThat(settings.stopTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void everyKeyIsReadBelowMnemoChatbot() {
        ChatbotSettings settings = ChatbotSettings.from(StoreConfig.of(Map.ofEntries(
                Map.entry("mnemo.chatbot.host", "0.0.0.0"), Map.entry("mnemo.chatbot.port", "9090"),
                Map.entry("mnemo.chatbot.max-connections", "100"), Map.entry("mnemo.chatbot.idle-timeout", "5s"),
                Map.entry("mnemo.chatbot.read-timeout", "2500ms"), Map.entry("mnemo.chatbot.max-header-bytes", "4096"),
                Map.entry("mnemo.chatbot.max-body-bytes", "65536"), Map.entry("mnemo.chatbot.threads", "4"),
                Map.entry("mnemo.chatbot.queue", "0"), Map.entry("mnemo.chatbot.rate-per-minute", "600"),
                Map.entry("mnemo.chatbot.rate-burst", "5"), Map.entry("mnemo.chatbot.stop-timeout", "0s"))));
        assertThat(settings).isEqualTo(new ChatbotSettings("0.0.0.0", 9090, 100, Duration.ofSeconds(5),
                Duration.ofMillis(2500), 4096, 65_536, 4, 0, 600, 5, Duration.ZERO));
        assertThat(settings.toBuilder().build()).isEqualTo(settings);
    }

    @Test
    void everyBadKeyIsReportedAtOnce() {
        assertThatThrownBy(() -> ChatbotSettings.from(StoreConfig.of(Map.of("mnemo.chatbot.port", "http",
                "mnemo.chatbot.threads", "0", "mnemo.chatbot.read-timeout", "soon"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mnemo.chatbot.port 'http': expected a whole number")
                .hasMessageContaining("mnemo.chatbot.threads expected 1 to 10000, was 0")
                .hasMessageContaining("mnemo.chatbot.read-timeout 'soon'");
    }

    @Test
    void theBuilderNamesABadValue() {
        assertThatThrownBy(() -> ChatbotSettings.builder().port(70_000).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mnemo.chatbot.port: expected 0 to 65535, was 70000");
        assertThatThrownBy(() -> ChatbotSettings.builder().readTimeout(Duration.ZERO).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mnemo.chatbot.read-timeout: expected at least 1ms, was 0s");
    }
}

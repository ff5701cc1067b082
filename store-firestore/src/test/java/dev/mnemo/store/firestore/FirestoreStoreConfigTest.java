package dev.mnemo.store.firestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.StoreProvider;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class FirestoreStoreConfigTest {

    private static final UnaryOperator<String> NO_ENVIRONMENT = name -> null;

    @Test
    void badValuesAreReportedAllAtOnce() {
        StoreConfig config = StoreConfig.of(Map.of(
                "mnemo.firestore.project-id", "not a project!",
                "mnemo.firestore.database", "Bad_DB",
                "mnemo.firestore.emulator-host", "no-port",
                "mnemo.firestore.credentials-file", "/nonexistent/key.json",
                "mnemo.firestore.root", "apps",
                "mnemo.firestore.ttl", "-5s",
                "mnemo.firestore.timeout", "soon",
                "mnemo.firestore.session-write-interval", "often"));
        assertThatThrownBy(() -> FirestoreStoreConfig.from(config, NO_ENVIRONMENT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mnemo.firestore.project-id")
                .hasMessageContaining("mnemo.firestore.database")
                .hasMessageContaining("mnemo.firestore.emulator-host")
                .hasMessageContaining("mnemo.firestore.credentials-file")
                .hasMessageNotContaining("/nonexistent/key.json")
                .hasMessageContaining("mnemo.firestore.root")
                .hasMessageContaining("mnemo.firestore.ttl '-5s'")
                .hasMessageContaining("mnemo.firestore.timeout 'soon'")
                .hasMessageContaining("mnemo.firestore.session-write-interval 'often'");
    }

    @Test
    void projectIdIsRequiredWithoutAnEmulator() {
        assertThatThrownBy(() -> FirestoreStoreConfig.from(StoreConfig.DEFAULTS, NO_ENVIRONMENT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mnemo.firestore.project-id: required unless an emulator host is set");
        assertThatThrownBy(() -> FirestoreStoreConfig.builder().build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("project-id");
    }

    @Test
    void emulatorHostComesFromTheEnvironmentWhenTheKeyIsUnset() {
        FirestoreStoreConfig config = FirestoreStoreConfig.from(StoreConfig.DEFAULTS,
                name -> name.equals("FIRESTORE_EMULATOR_HOST") ? "127.0.0.1:8681" : null);
        assertThat(config.emulatorHost()).isEqualTo("127.0.0.1:8681");
        assertThat(config.usesEmulator()).isTrue();
        assertThat(config.projectId()).isEqualTo(FirestoreStoreConfig.DEFAULT_EMULATOR_PROJECT_ID);
    }

    @Test
    void valuesAreReadWithUnitsAndDefaultsAreDocumented() {
        FirestoreStoreConfig config = FirestoreStoreConfig.from(StoreConfig.of(Map.of(
                "mnemo.firestore.project-id", "acme-chat",
                "mnemo.firestore.database", "memory-db",
                "mnemo.firestore.root", "apps/chatbot",
                "mnemo.firestore.ttl", "2h",
                "mnemo.firestore.timeout", "1500ms",
                "mnemo.firestore.session-write-interval", "1s")), NO_ENVIRONMENT);
        assertThat(config).isEqualTo(FirestoreStoreConfig.builder().projectId("acme-chat").database("memory-db")
                .root("apps/chatbot").ttl(Duration.ofHours(2)).timeout(Duration.ofMillis(1500))
                .sessionWriteInterval(Duration.ofSeconds(1)).build());
        assertThat(config.expiry()).contains(Duration.ofHours(2));
        assertThat(config.toBuilder().build()).isEqualTo(config);

        FirestoreStoreConfig defaults = FirestoreStoreConfig.builder().projectId("acme-chat").build();
        assertThat(defaults.database()).isEqualTo(FirestoreStoreConfig.DEFAULT_DATABASE).isEqualTo("(default)");
        assertThat(defaults.root()).isEmpty();
        assertThat(defaults.expiry()).isEmpty();
        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.sessionWriteInterval()).isZero();
        assertThat(defaults.usesEmulator()).isFalse();
    }

    @Test
    void providerIsFoundAndAvailableOnlyWithAProjectOrAnEmulator() {
        assertThat(ServiceLoader.load(StoreProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(FirestoreStoreProvider.class);
        StoreProvider provider = new FirestoreStoreProvider(NO_ENVIRONMENT);
        assertThat(provider.name()).isEqualTo("firestore");
        assertThat(provider.priority()).isEqualTo(100);
        assertThat(provider.isAvailable(StoreConfig.of(Map.of("mnemo.firestore.project-id", "acme-chat")))).isTrue();
        assertThat(provider.isAvailable(StoreConfig.of(Map.of("mnemo.firestore.emulator-host", "127.0.0.1:8681")))).isTrue();
        assertThat(provider.isAvailable(StoreConfig.DEFAULTS)).isFalse();
        assertThat(new FirestoreStoreProvider(name -> "127.0.0.1:8681").isAvailable(StoreConfig.DEFAULTS)).isTrue();
    }
}

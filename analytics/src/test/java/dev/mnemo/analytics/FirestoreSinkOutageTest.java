package dev.mnemo.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.firestore.FieldPath;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import com.google.cloud.firestore.QuerySnapshot;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.Role;
import dev.mnemo.SessionId;
import dev.mnemo.store.firestore.FirestoreAnalyticsSink;
import dev.mnemo.store.firestore.FirestoreStoreConfig;
import dev.mnemo.testkit.firestore.FirestoreEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Firestore sink on an emulator of its own, stopped while a session ends and started again:
 * the batch waits, is retried, and lands once when Firestore is back.
 */
class FirestoreSinkOutageTest {

    private static FirestoreEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = FirestoreEmulator.start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Test
    void aSinkThatIsDownAndComesBackGetsTheBatchOnce() throws Exception {
        String project = "mnemo-outage";
        FirestoreStoreConfig config = FirestoreStoreConfig.builder().emulatorHost(emulator.host()).projectId(project)
                .timeout(Duration.ofSeconds(1)).build();
        SessionAnalytics analytics = SessionAnalytics.builder().sink(new FirestoreAnalyticsSink(config, 20, 200))
                .settings(AnalyticsConfig.builder().sweepInterval(Duration.ofHours(1)).retryBackoff(Duration.ofMillis(100))
                        .maxRetryBackoff(Duration.ofMillis(500)).sinkTimeout(Duration.ofSeconds(2)).build()).build();
        SessionId id = SessionId.of("chat-1");
        try (Mnemo mnemo = Mnemo.builder().ephemeral().listener(analytics).build()) {
            var chat = mnemo.blocking();
            chat.openSession(id, "u1");
            chat.append(id, Message.user("Hi"), Message.builder(Role.ASSISTANT).content("Hello.")
                    .metadata(Map.of("sources", List.of("kb-1"))).build());
            emulator.stop();
            assertThat(chat.endSession(id)).as("the caller never sees the sink fail").isTrue();
            Eventually.await("failed attempts", Duration.ofSeconds(20), () -> analytics.stats().flushFailures() >= 2);
            assertThat(analytics.stats().batchesWritten()).isZero();

            emulator.restart();
            // An attempt that timed out may have committed after all: its retry then finds the batch written.
            Eventually.await("the batch", Duration.ofSeconds(60), () -> analytics.stats().batchesWritten()
                    + analytics.stats().batchesAlreadyWritten() == 1);
            Eventually.await("no retry left", Duration.ofSeconds(10), () -> analytics.stats().retriesPending() == 0);
        }
        try (Firestore firestore = FirestoreOptions.newBuilder().setProjectId(project).setEmulatorHost(emulator.host())
                .setCredentials(GoogleCredentials.create(new AccessToken("owner", null))).build().getService()) {
            QuerySnapshot records = firestore.collection("namespaces/default/analytics").get().get();
            assertThat(records.size()).isEqualTo(1);
            assertThat(firestore.document("namespaces/default/users/u1").get().get()
                    .get(FieldPath.of("analytics", "sessions"))).isEqualTo(1L);
            assertThat(firestore.document("namespaces/default/kbEntries/kb-1").get().get().getLong("uses")).isEqualTo(1);
        }
    }
}

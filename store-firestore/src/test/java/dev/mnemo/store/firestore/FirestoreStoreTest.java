package dev.mnemo.store.firestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import dev.mnemo.CorruptDataException;
import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.StateDelta;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.Health;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.testkit.firestore.FirestoreEmulator;
import dev.mnemo.testkit.firestore.FirestoreEmulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the Firestore tier adds to the contract: read costs, Firestore's limits, its reserved names, corrupt documents. */
class FirestoreStoreTest {

    @RegisterExtension
    static final FirestoreEmulatorExtension EMULATOR = new FirestoreEmulatorExtension(
            FirestoreEmulatorExtension.DEFAULT_PROJECT_ID, false);

    private static Firestore raw;
    private FirestoreStore store;
    private SessionRef ref;

    @BeforeAll
    static void openRawClient() {
        raw = FirestoreOptions.newBuilder().setEmulatorHost(EMULATOR.host()).setProjectId(EMULATOR.projectId())
                .setCredentials(GoogleCredentials.create(new AccessToken("owner", null))).build().getService();
    }

    @AfterAll
    static void closeRawClient() throws Exception {
        raw.close();
    }

    @BeforeEach
    void openStoreAndSession() {
        store = new FirestoreStore(FirestoreStoreConfig.builder().emulatorHost(EMULATOR.host())
                .projectId(EMULATOR.projectId()).build());
        ref = new SessionRef("ns-" + UUID.randomUUID(), SessionId.of("s-1"));
        await(store.createSession(Session.create(ref, "u1", Map.of(), Instant.now())));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void lastKReadsKMessageDocumentsAndTheSessionWhateverTheTranscriptLength() {
        List<Message> sent = new ArrayList<>();
        for (int batch = 0; batch < 4; batch++) {
            List<Message> messages = messages(100);
            await(store.append(ref, messages));
            sent.addAll(messages);
        }
        long before = store.documentsRead();
        List<Message> last = await(store.lastMessages(ref, 5));
        assertThat(store.documentsRead() - before).isEqualTo(5 + 1);
        assertThat(last).extracting(Message::id).isEqualTo(sent.subList(395, 400).stream().map(Message::id).toList());

        before = store.documentsRead();
        assertThat(await(store.readWindow(ref, 5, false)).messages()).isEqualTo(last);
        assertThat(store.documentsRead() - before).isEqualTo(5 + 1);

        before = store.documentsRead();
        assertThat(await(store.messagesAfter(ref, sent.get(199).id(), 5))).extracting(Message::id)
                .isEqualTo(sent.subList(200, 205).stream().map(Message::id).toList());
        assertThat(store.documentsRead() - before).isEqualTo(5 + 1);
    }

    @Test
    void appendWhenADocumentWouldPassOneMebibyteThenInvalidInputAndNothingStored() {
        Message fits = Message.user("x".repeat(1_048_576 - 1024));
        Message tooLarge = Message.user("y".repeat(1_048_576));
        assertThatThrownBy(() -> await(store.append(ref, List.of(fits, tooLarge))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(tooLarge.id().toString())
                .hasMessageContaining("1 MiB");
        assertThat(await(store.getSession(ref)).orElseThrow().messageCount()).isZero();
        assertThat(await(store.lastMessages(ref, 5))).isEmpty();

        assertThat(await(store.append(ref, List.of(fits))).appended()).isEqualTo(1);
        assertThat(await(store.lastMessages(ref, 1))).containsExactly(fits);
    }

    @Test
    void stateKeysFirestoreReservesOrCannotTakeAsIsAreEscapedAndReadBackUnchanged() throws Exception {
        Map<String, Object> values = Map.of("__x__", 1, "a.b", "dots", "~tilde", true, "`tick`", "back",
                "a/b [c] *d", "specials", "user:__u__", "shared", "app:x.y", "namespace-wide");
        StateDelta.Builder delta = StateDelta.builder();
        values.forEach(delta::set);
        await(store.applyState(ref, delta.build()));

        assertThat(await(store.getState(ref)).values()).containsExactlyInAnyOrderEntriesOf(values);
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = (Map<String, Object>) stateDocument().get().get().get("state");
        assertThat(stored.keySet()).contains("~__x__", "a.b", "~~tilde", "`tick`", "a/b [c] *d")
                .doesNotContain("__x__", "~tilde");

        await(store.applyState(ref, StateDelta.builder().remove("__x__").remove("a.b").build()));
        assertThat(await(store.getState(ref)).values()).doesNotContainKeys("__x__", "a.b").containsKey("~tilde");
    }

    @Test
    void sessionIdThatFirestoreReservesIsStoredUnderAnEscapedDocumentId() {
        SessionRef reserved = new SessionRef(ref.namespace(), SessionId.of("__reserved__"));
        await(store.createSession(Session.create(reserved, "u1", Map.of(), Instant.now())));
        await(store.append(reserved, messages(2)));
        assertThat(await(store.lastMessages(reserved, 5))).hasSize(2);
        assertThat(await(store.listSessions(ref.namespace(), "u1", 5))).extracting(Session::id)
                .contains(SessionId.of("__reserved__"));
    }

    @Test
    void messageDocumentWithABadFieldIsCorruptDataNamingItsPath() throws Exception {
        List<Message> messages = messages(3);
        await(store.append(ref, messages));
        DocumentReference corrupt = sessionDocument().collection("messages").document(messages.get(1).id().toString());
        corrupt.update("role", 42L).get();

        assertThatThrownBy(() -> await(store.lastMessages(ref, 5)))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining(corrupt.getPath())
                .hasMessageContaining("role");
        assertThat(await(store.lastMessages(ref, 1))).containsExactly(messages.get(2));
        assertThat(await(store.getSession(ref))).isPresent();
    }

    @Test
    void healthIsDownWithinTheTimeoutWhileTheEmulatorIsStoppedAndUpAfterItsRestart() throws InterruptedException {
        try (FirestoreEmulator own = FirestoreEmulator.start();
             FirestoreStore watched = new FirestoreStore(FirestoreStoreConfig.builder().emulatorHost(own.host())
                     .timeout(Duration.ofSeconds(1)).build())) {
            assertThat(awaitUp(watched).up()).isTrue();
            own.stop();
            Health down = await(watched.health());
            assertThat(down.up()).isFalse();
            assertThat(down.detail()).contains("firestore");
            own.restart();
            Health up = awaitUp(watched);
            assertThat(up.up()).as(up.toString()).isTrue();
        }
    }

    /** Polls the health check: a new channel, or one reconnecting with gRPC's backoff after an outage, takes a while. */
    private static Health awaitUp(FirestoreStore store) throws InterruptedException {
        Health health = await(store.health());
        for (int attempt = 0; attempt < 60 && !health.up(); attempt++) {
            Thread.sleep(250);
            health = await(store.health());
        }
        return health;
    }

    private DocumentReference sessionDocument() {
        return raw.collection("namespaces").document(ref.namespace()).collection("sessions").document(ref.id().value());
    }

    private DocumentReference stateDocument() {
        return sessionDocument().collection("state").document("session");
    }

    private static List<Message> messages(int count) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(Message.user("message " + i).withTokens(2));
        }
        return messages;
    }

    private static <T> T await(CompletionStage<T> stage) {
        return Stages.join(stage);
    }
}

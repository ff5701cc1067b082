package dev.mnemo.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.Role;
import dev.mnemo.SessionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The import engine over the reference store: the rules every framework importer inherits. */
class TranscriptImportTest {

    private final Mnemo mnemo = Mnemo.ephemeral();
    private final List<ImportProgress> reports = new ArrayList<>();
    private final SessionId session = SessionId.of("imported");

    @AfterEach
    void close() {
        mnemo.close();
    }

    private TranscriptImport run() {
        return TranscriptImport.builder(mnemo, "test").batchSize(3).listener(reports::add).build();
    }

    /** One text per message; "a|b" becomes two parts, as a Spring AI tool response with two results does. */
    private static List<Message> map(List<String> source, TranscriptImport.PositionIds ids) {
        List<Message> messages = new ArrayList<>();
        for (int position = 0; position < source.size(); position++) {
            String[] parts = source.get(position).split("\\|");
            for (int part = 0; part < parts.length; part++) {
                messages.add(new Message(ids.of(position, part), Role.USER, parts[part], null, List.of(), null, null,
                        Instant.now(), 0));
            }
        }
        return messages;
    }

    private static List<String> texts(int count) {
        return IntStream.range(0, count).mapToObj(i -> "m" + i).toList();
    }

    private List<String> stored() {
        return mnemo.blocking().messagesAfter(session, null, 1_000).value().stream().map(Message::content).toList();
    }

    @Test
    void aConversationIsStoredInOrderInBatchesWithItsProgressReported() {
        ImportProgress done = run().conversation("c1", session, "ada", List.of("m0", "m1|m2", "m3", "m4", "m5"),
                TranscriptImportTest::map);

        assertThat(stored()).containsExactly("m0", "m1", "m2", "m3", "m4", "m5");
        assertThat(done.conversations()).isEqualTo(1);
        assertThat(done.imported()).isEqualTo(6);
        assertThat(reports).extracting(ImportProgress::conversationImported).containsExactly(3, 6);
        assertThat(mnemo.blocking().listSessions("ada", 10).value()).extracting(s -> s.id()).containsExactly(session);
    }

    @Test
    void runningItAgainStoresNothingTwiceAndTakesOnlyWhatTheSourceAddedSince() {
        run().conversation("c1", session, null, texts(5), TranscriptImportTest::map);

        ImportProgress again = run().conversation("c1", session, null, texts(5), TranscriptImportTest::map);
        ImportProgress grown = run().conversation("c1", session, null, texts(7), TranscriptImportTest::map);

        assertThat(again.imported()).isZero();
        assertThat(again.alreadyImported()).isEqualTo(5);
        assertThat(grown.imported()).isEqualTo(2);
        assertThat(stored()).containsExactlyElementsOf(texts(7));
    }

    @Test
    void aRunCutShortAfterABatchIsStoredButBeforeItsProgressIsRecordedContinuesWithoutDuplicates() {
        run().conversation("c1", session, null, texts(3), TranscriptImportTest::map);
        // The crash: the next batch reached the tiers, its progress never did.
        long base = mnemo.blocking().getSession(session).value().orElseThrow().createdAt().toEpochMilli();
        int salt = session.value().hashCode() & ((1 << 27) - 1);
        List<Message> all = map(texts(6), (position, part) -> TranscriptImport.positionId(base, position, part, salt));
        mnemo.blocking().append(session, all.subList(3, 5));

        ImportProgress resumed = run().conversation("c1", session, null, texts(6), TranscriptImportTest::map);

        assertThat(stored()).containsExactlyElementsOf(texts(6));
        assertThat(resumed.imported()).isEqualTo(1);
        assertThat(resumed.alreadyImported()).isEqualTo(5);
    }

    @Test
    void aSourceThatChangedSinceAnEarlierRunIsRefusedAndLeftAsItWas() {
        run().conversation("c1", session, null, texts(4), TranscriptImportTest::map);

        List<String> shifted = List.of("m2", "m3", "m4", "m5"); // a window store dropped its two oldest
        ImportProgress refused = run().conversation("c1", session, null, shifted, TranscriptImportTest::map);

        assertThat(refused.refused()).containsKey("c1");
        assertThat(stored()).containsExactlyElementsOf(texts(4));
    }

    @Test
    void aSessionWithMessagesNoImportWroteOrAnotherOwnerIsRefused() {
        mnemo.blocking().openSession(session, "bob");
        mnemo.blocking().append(session, Message.user("live"));
        SessionId other = SessionId.of("owned");
        mnemo.blocking().openSession(other, "carol");

        TranscriptImport run = run();
        run.conversation("live", session, "bob", texts(2), TranscriptImportTest::map);
        ImportProgress progress = run.conversation("owned", other, "ada", texts(2), TranscriptImportTest::map);

        assertThat(progress.refused()).containsOnlyKeys("live", "owned");
        assertThat(progress.imported()).isZero();
        assertThat(stored()).containsExactly("live");
    }

    @Test
    void anEmptyConversationCreatesNoSession() {
        ImportProgress progress = run().conversation("empty", session, null, List.of(), TranscriptImportTest::map);

        assertThat(progress.conversations()).isEqualTo(1);
        assertThat(mnemo.blocking().getSession(session).value()).isEmpty();
    }

    @Test
    void aMappingThatDoesNotUseThePositionIdsIsAProgrammingError() {
        assertThatThrownBy(() -> run().conversation("c1", session, null, texts(2), (source, ids) ->
                map(source, (position, part) -> ids.of(source.size() - 1 - position, part))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void positionIdsAreUuidV7sOrderedByPositionThenPart() {
        long base = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
        List<UUID> ids = List.of(TranscriptImport.positionId(base, 0, 0, 7), TranscriptImport.positionId(base, 0, 1, 7),
                TranscriptImport.positionId(base, 1, 0, 7), TranscriptImport.positionId(base, 600_000, 0, 7),
                TranscriptImport.positionId(base + 1, 0, 0, 0));

        assertThat(ids).allSatisfy(id -> assertThat(id.version()).isEqualTo(7)).allSatisfy(id ->
                assertThat(id.variant()).isEqualTo(2)).doesNotHaveDuplicates();
        assertThat(ids).isSortedAccordingTo(Message::compareIds);
        assertThat(ids.get(0).getMostSignificantBits() >>> 16).isEqualTo(base);
        assertThat(TranscriptImport.positionId(base, 0, 0, 7)).isEqualTo(TranscriptImport.positionId(base, 0, 0, 7));
        assertThat(TranscriptImport.positionId(base, 0, 0, 7)).isNotEqualTo(TranscriptImport.positionId(base, 0, 0, 8));
    }
}

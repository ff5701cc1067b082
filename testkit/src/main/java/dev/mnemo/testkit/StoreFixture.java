package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Stages;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.assertj.core.api.ThrowableAssert;

/**
 * What every per-concern store contract works on: the store under test, a namespace no other test
 * uses, and the few helpers the contracts share. {@link MemoryStoreContract} supplies the store and
 * namespace to each of its groups; a tier that composes contracts of its own does the same.
 *
 * <p>The helpers are default methods, not static ones, because Java does not inherit an
 * interface's static methods: as defaults, every contract that extends this one calls them
 * unqualified.
 */
public interface StoreFixture {

    /** Messages appended by the tests that need "a few": 12, under every default window. */
    int FEW = 12;

    /** @return the store under test, opened before each test and closed after it */
    MemoryStore store();

    /** @return the namespace of the current test, used by no other test */
    String namespace();

    /** @return the value of a stage that must succeed */
    default <T> T await(CompletionStage<T> stage) {
        return Stages.join(stage);
    }

    /** Asserts that {@code call} fails with {@code type}. */
    default void assertFails(Class<? extends Throwable> type, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(type);
    }

    /** @return a reference to a fresh session id in this test's namespace */
    default SessionRef newRef() {
        return new SessionRef(namespace(), SessionId.of("s-" + UUID.randomUUID()));
    }

    /**
     * @param userId the owner, or {@code null} for an anonymous session
     * @return a created session owned by {@code userId}, with metadata {@code channel=web}
     */
    default Session open(String userId) {
        return await(store().createSession(Session.create(newRef(), userId, Map.of("channel", "web"), now())));
    }

    /** @return {@code count} user messages with distinct content and 3 tokens each */
    default List<Message> messages(int count) {
        List<Message> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(Message.user("message " + i).withTokens(3));
        }
        return batch;
    }

    /** @return every message of the session, paged through in pages of {@code page} */
    default List<Message> all(SessionRef ref, int page) {
        List<Message> all = new ArrayList<>();
        UUID after = null;
        while (true) {
            List<Message> next = await(store().messagesAfter(ref, after, page));
            if (next.isEmpty()) {
                return all;
            }
            all.addAll(next);
            after = next.get(next.size() - 1).id();
        }
    }

    /** @return the ids of {@code messages}, in their order */
    default List<UUID> ids(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    /** @return the current time at the millisecond, the precision every tier keeps */
    default Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}

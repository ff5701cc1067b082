package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Session;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Expiry: an idle session is gone after the tier's TTL; a tier without a TTL claims none and
 * keeps its sessions.
 */
public interface ExpiryContract extends StoreFixture {

    /** The TTL the test gives the expiring store: 1500 ms, long enough for the writes before the wait. */
    Duration TTL = Duration.ofMillis(1500);

    /**
     * @param ttl how long an idle session lives
     * @return a new store whose sessions expire after {@code ttl}, or empty when the tier has no expiry;
     *         the test closes it
     */
    Optional<MemoryStore> createStoreWithTtl(Duration ttl);

    @Test
    default void idleSessionExpiresAfterTheTtlWhenTheTierHasOne() throws InterruptedException {
        Optional<MemoryStore> expiring = createStoreWithTtl(TTL);
        if (expiring.isEmpty()) {
            assertThat(store().capabilities().ttl()).as("a tier without a TTL store must not claim a TTL").isNull();
            Session session = open("u1");
            Thread.sleep(50);
            assertThat(await(store().getSession(session.ref()))).isPresent();
            return;
        }
        try (MemoryStore ttlStore = expiring.get()) {
            assertThat(ttlStore.capabilities().ttl()).isEqualTo(TTL);
            SessionRef ref = newRef();
            await(ttlStore.createSession(Session.create(ref, "u1", Map.of(), now())));
            await(ttlStore.append(ref, messages(2)));
            assertThat(await(ttlStore.getSession(ref))).isPresent();
            Thread.sleep(TTL.toMillis() * 2 + 200);
            assertThat(await(ttlStore.getSession(ref))).isEmpty();
        }
    }
}

package dev.mnemo.testkit;

import dev.mnemo.spi.MemoryStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/**
 * The contract every {@link MemoryStore} keeps, as JUnit 5 tests. A tier's test extends this
 * class and says only how to build its store; the class composes the per-concern contracts, one
 * {@link Nested} group each: {@link SessionContract}, {@link AppendContract} (idempotency),
 * {@link WindowContract} (paging), {@link SummaryContract} (compare-and-set), {@link StateContract}
 * (scopes), {@link ExpiryContract}, {@link PurgeContract}, {@link BadInputContract} and
 * {@link ConcurrencyContract}. Each test works in a namespace of its own, so stores backed by a
 * shared server need no cleaning between tests.
 *
 * <p>The contracts are interfaces with default test methods, which JUnit 5 runs like inherited
 * ones: a {@code @Nested} group must be an inner class and so can extend one class only, the
 * {@link Group} that hands it this test's store, and it takes its tests from an interface. A tier
 * with a concern of its own adds a group the same way.
 */
public abstract class MemoryStoreContract {

    private MemoryStore store;
    private String namespace;

    /** @return a new store, configured with its defaults but for what a test server needs */
    protected abstract MemoryStore createStore();

    /**
     * @param ttl how long an idle session lives
     * @return a store whose sessions expire after {@code ttl}, or empty (the default) when the tier has no expiry
     */
    protected Optional<MemoryStore> createStoreWithTtl(Duration ttl) {
        return Optional.empty();
    }

    @BeforeEach
    void openStore() {
        namespace = "tck-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        store = createStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** A group of this contract: works on the store and namespace the enclosing test opened. */
    protected abstract class Group implements StoreFixture {

        @Override
        public MemoryStore store() {
            return store;
        }

        @Override
        public String namespace() {
            return namespace;
        }
    }

    @Nested
    class Sessions extends Group implements SessionContract {
    }

    @Nested
    class Appends extends Group implements AppendContract {
    }

    @Nested
    class Windows extends Group implements WindowContract {
    }

    @Nested
    class Summaries extends Group implements SummaryContract {
    }

    @Nested
    class States extends Group implements StateContract {
    }

    @Nested
    class Expiry extends Group implements ExpiryContract {

        @Override
        public Optional<MemoryStore> createStoreWithTtl(Duration ttl) {
            return MemoryStoreContract.this.createStoreWithTtl(ttl);
        }
    }

    @Nested
    class Purge extends Group implements PurgeContract {
    }

    @Nested
    class BadInput extends Group implements BadInputContract {
    }

    @Nested
    class Concurrency extends Group implements ConcurrencyContract {
    }
}

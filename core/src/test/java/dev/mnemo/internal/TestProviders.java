package dev.mnemo.internal;

import dev.mnemo.reference.MapMemoryStore;
import dev.mnemo.spi.Capabilities;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.StoreProvider;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/** Providers registered for the discovery tests; each is available when {@code test.<name>} is true. */
public final class TestProviders {

    private TestProviders() {
    }

    abstract static class Named implements StoreProvider {
        private final String name;
        private final int priority;

        Named(String name, int priority) {
            this.name = name;
            this.priority = priority;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public boolean isAvailable(StoreConfig config) {
            return "true".equals(config.get("test." + name));
        }

        @Override
        public MemoryStore create(StoreConfig config) {
            return new MapMemoryStore(name, new Capabilities(false, false, 0, null),
                    new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), Clock.systemUTC());
        }
    }

    /** Low priority. */
    public static final class Alpha extends Named {
        public Alpha() {
            super("alpha", 10);
        }
    }

    /** High priority. */
    public static final class Beta extends Named {
        public Beta() {
            super("beta", 20);
        }
    }

    /** Fails to instantiate: discovery must log it and go on. */
    public static final class Broken extends Named {
        public Broken() {
            super("broken", 99);
            throw new IllegalStateException("this provider cannot load");
        }
    }
}

package dev.mnemo.internal;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.DurableJournal;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.Resettable;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The tiers by role, each behind its resilience wrapper when there are several, with the orders
 * reads try them in and the capabilities routing uses: the hot tier's journal toward the durable
 * tier, and its reset for repairs.
 */
final class Tiers {

    final @Nullable MemoryStore hot;
    final @Nullable MemoryStore durable;
    final @Nullable MemoryStore fallback;
    /** Durable first: the tier of record, then the others. */
    final List<MemoryStore> recordOrder;
    /** Hot first: the fastest tier that every process shares. */
    final List<MemoryStore> hotOrder;
    /** The hot tier's journal when there is a durable tier to journal for, else {@code null}. */
    final @Nullable DurableJournal journal;
    /** The hot tier's reset, or {@code null}. */
    final @Nullable Resettable hotReset;

    private Tiers(Map<TierRole, MemoryStore> roles) {
        this.hot = roles.get(TierRole.HOT);
        this.durable = roles.get(TierRole.DURABLE);
        this.fallback = roles.get(TierRole.FALLBACK);
        this.recordOrder = present(durable, hot, fallback);
        this.hotOrder = present(hot, durable, fallback);
        this.journal = hot == null || durable == null ? null : hot.capability(DurableJournal.class).orElse(null);
        this.hotReset = hot == null ? null : hot.capability(Resettable.class).orElse(null);
    }

    /**
     * @param stores the tiers, at most one per {@link TierRole}
     * @param guard  wraps each tier when there are several
     * @return the tiers by role
     * @throws InvalidInputException when two tiers play one role
     */
    static Tiers of(List<MemoryStore> stores, UnaryOperator<MemoryStore> guard) {
        Map<TierRole, MemoryStore> roles = new EnumMap<>(TierRole.class);
        for (MemoryStore store : stores) {
            MemoryStore other = roles.putIfAbsent(TierRole.of(store.capabilities()), store);
            if (other != null) {
                throw new InvalidInputException("Tiers '" + other.name() + "' and '" + store.name() + "' both play the "
                        + TierRole.of(store.capabilities()) + " role; configure one (mnemo.tiers)");
            }
        }
        if (stores.size() > 1) {
            roles.replaceAll((role, store) -> guard.apply(store));
        }
        return new Tiers(roles);
    }

    /** @return the roles, for the log: {@code [HOT=redis, ...]} */
    List<String> describe() {
        return Arrays.stream(TierRole.values()).filter(role -> of(role) != null)
                .map(role -> role + "=" + of(role).name()).toList();
    }

    private MemoryStore of(TierRole role) {
        return switch (role) {
            case HOT -> hot;
            case DURABLE -> durable;
            case FALLBACK -> fallback;
        };
    }

    /** @return whether calls to {@code tier} go through now: its breaker is closed or half-open */
    static boolean callable(MemoryStore tier) {
        return !(tier instanceof ResilientStore resilient) || resilient.isCallable();
    }

    /** @return whether {@code tier}'s breaker is closed: it takes large work, not only probes */
    static boolean closed(MemoryStore tier) {
        return !(tier instanceof ResilientStore resilient) || resilient.breaker().getState() == CircuitBreaker.State.CLOSED;
    }

    static List<MemoryStore> present(MemoryStore... tiers) {
        return Arrays.stream(tiers).filter(Objects::nonNull).toList();
    }
}

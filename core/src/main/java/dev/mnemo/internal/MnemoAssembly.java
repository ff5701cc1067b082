package dev.mnemo.internal;

import dev.mnemo.MnemoConfig;
import dev.mnemo.ResilienceConfig;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionAccess;
import dev.mnemo.spi.SessionListener;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.Summarizer;
import dev.mnemo.spi.TokenCounter;
import dev.mnemo.spi.support.Deadline;
import dev.mnemo.spi.support.KnownKeys;
import dev.mnemo.summary.SummaryConfig;
import dev.mnemo.summary.internal.RollingSummaries;
import dev.mnemo.tokens.TokenCounters;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The parts a {@code Mnemo} delegates to, assembled from what its builder was given: the settings
 * and tiers (read from the config and found with {@link java.util.ServiceLoader} when not given),
 * the router over them, the token counter, the rolling summaries and the listeners, attached to
 * the narrow view they get. The parts are closed together.
 *
 * @param settings      the settings in force
 * @param router        the tiers, behind their breakers
 * @param tokens        what every appended message is counted with
 * @param clock         the clock of session timestamps
 * @param calls         the deadline of every call
 * @param reads         the reads
 * @param messageWrites the appends and turns
 * @param sessions      the writes of a session's life
 * @param summaries     the rolling summaries
 * @param listeners     the session listeners
 * @param temporary     this process's {@code temp:} state
 */
public record MnemoAssembly(MnemoConfig settings, Router router, TokenCounter tokens, Clock clock, BoundCalls calls,
                            SessionReads reads, MessageWrites messageWrites, SessionCalls sessions,
                            RollingSummaries summaries, Listeners listeners, TempStates temporary)
        implements AutoCloseable {

    /**
     * Assembles the parts; each argument that may be {@code null} means "not given".
     *
     * @param config           where settings and each tier's keys are read
     * @param settings         the settings, or {@code null} to read them from {@code config}
     * @param tiers            the tiers in routing order, or {@code null} to find them
     * @param tokenCounter     the counter, or {@code null} for the JTokkit one of the settings' model
     * @param clock            the clock of session timestamps
     * @param summarizer       writes the rolling summaries, or {@code null} for none
     * @param summaryConfig    when summaries run, or {@code null} to read it from {@code config} when
     *                         there is a summarizer
     * @param sessionListeners the session listeners, attached here
     * @param resilience       how tiers are guarded, by tier name, instead of what {@code config} says
     * @param metrics          where calls, tiers and summaries are reported
     * @return the parts
     * @throws dev.mnemo.InvalidInputException for bad configuration (every key below {@code mnemo.} that no
     *         module on the class path declares, and every bad value, at once), or when no tier is found
     */
    public static MnemoAssembly assemble(StoreConfig config, @Nullable MnemoConfig settings,
                                         @Nullable List<MemoryStore> tiers, @Nullable TokenCounter tokenCounter,
                                         Clock clock, @Nullable Summarizer summarizer,
                                         @Nullable SummaryConfig summaryConfig,
                                         List<SessionListener> sessionListeners,
                                         Map<String, ResilienceConfig> resilience, RouterMetrics metrics) {
        KnownKeys.discover(Thread.currentThread().getContextClassLoader()).validate(config);
        MnemoConfig resolved = settings != null ? settings : MnemoConfig.from(config);
        List<MemoryStore> stores = tiers != null ? tiers
                : StoreDiscovery.discover(resolved.tiers(), config, Thread.currentThread().getContextClassLoader());
        TokenCounter counter = tokenCounter != null ? tokenCounter : TokenCounters.forModel(resolved.tokenModel());
        Router router;
        try {
            router = TieredRouter.create(stores, resolved, config, Map.copyOf(resilience), metrics);
        } catch (RuntimeException e) {
            stores.forEach(MemoryStore::close);
            throw e;
        }
        TempStates temporary = new TempStates();
        BoundCalls calls = new BoundCalls(resolved.namespace(), new Deadline(resolved.callTimeout(), metrics::call));
        SessionReads reads = new SessionReads(calls, router, temporary, counter);
        RollingSummaries summaries = new RollingSummaries(summaryConfig(summaryConfig, summarizer, config), summarizer,
                new RoutedSummaries(reads, router), counter);
        Listeners listeners = new Listeners(sessionListeners);
        metrics.bindSummaries(summaries::stats);
        MessageWrites messageWrites = new MessageWrites(resolved, calls, router, counter, summaries, listeners, reads);
        SessionCalls sessions = new SessionCalls(resolved, calls, router, temporary, listeners, summaries,
                summarizer != null, clock);
        MnemoAssembly parts = new MnemoAssembly(resolved, router, counter, clock, calls, reads, messageWrites, sessions,
                summaries, listeners, temporary);
        try {
            SessionAccess access = new ListenerAccess(reads, sessions, router);
            sessionListeners.forEach(listener -> listener.attach(access));
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
        return parts;
    }

    /** The summary settings: as given, else read from the config when a summarizer will use them. */
    private static SummaryConfig summaryConfig(@Nullable SummaryConfig given, @Nullable Summarizer summarizer,
                                               StoreConfig config) {
        if (given != null) {
            return given;
        }
        return summarizer == null ? SummaryConfig.ofDefaults() : SummaryConfig.from(config);
    }

    /** Closes the listeners, flushes what is pending and closes every tier. */
    @Override
    public void close() {
        listeners.close();
        summaries.close();
        temporary.clear();
        router.close();
    }
}

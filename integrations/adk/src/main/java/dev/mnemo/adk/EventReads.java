package dev.mnemo.adk;

import com.google.adk.sessions.GetSessionConfig;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.Served;
import dev.mnemo.SessionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Reads a session's messages as a {@link GetSessionConfig} asks, never more than it needs:
 * <ul>
 *   <li>{@code numRecentEvents} k: the last k messages, one window read ({@link Mnemo#history}),
 *       whatever the transcript's length (none for k of 0 or less);</li>
 *   <li>{@code afterTimestamp} t: the messages from t on; with k too, those of the last k, as ADK's
 *       own service composes the two;</li>
 *   <li>neither: every message.</li>
 * </ul>
 * A read from a time on (or from the start) reads the latest page first, with the window read,
 * which sees what is still on its way to the durable tier (a write-behind append, a write the
 * durable tier missed); when the time is older than that page, the messages between the two come
 * from the durable tier in after-id pages ({@link Mnemo#messagesAfter}), starting at the time's id
 * ({@link EventIds#before}). A session shorter than a page is one window read: for a warm session,
 * one round trip to the hot tier.
 */
final class EventReads {

    private final Mnemo mnemo;
    private final int pageSize;

    EventReads(Mnemo mnemo, int pageSize) {
        this.mnemo = mnemo;
        this.pageSize = pageSize;
    }

    /** @return the messages of session {@code id} that {@code config} selects, oldest first */
    CompletionStage<List<Message>> read(SessionId id, GetSessionConfig config) {
        Instant after = config.afterTimestamp().orElse(null);
        if (config.numRecentEvents().isEmpty()) {
            return from(id, after);
        }
        int k = config.numRecentEvents().get();
        CompletionStage<List<Message>> recent = k <= 0 ? CompletableFuture.completedFuture(List.of())
                : mnemo.history(id, k).thenApply(Served::value);
        return recent.thenApply(messages -> stampedFrom(after, messages));
    }

    /** @return every message of session {@code id}, oldest first */
    CompletionStage<List<Message>> all(SessionId id) {
        return from(id, null);
    }

    private CompletionStage<List<Message>> from(SessionId id, @Nullable Instant after) {
        UUID floor = after == null ? null : EventIds.before(after);
        return mnemo.history(id, pageSize).thenCompose(served -> {
            List<Message> latest = served.value();
            boolean whole = latest.size() < pageSize
                    || floor != null && Message.compareIds(latest.get(0).id(), floor) <= 0;
            if (whole) {
                return CompletableFuture.completedFuture(stampedFrom(after, latest));
            }
            return olderThan(id, floor, latest.get(0).id(), new ArrayList<>()).thenApply(older -> {
                older.addAll(latest);
                return stampedFrom(after, older);
            });
        });
    }

    /** @return the messages after {@code afterId} and before {@code end}, from the durable tier, in pages */
    private CompletionStage<List<Message>> olderThan(SessionId id, @Nullable UUID afterId, UUID end,
                                                     List<Message> read) {
        return mnemo.messagesAfter(id, afterId, pageSize).thenCompose(served -> {
            for (Message message : served.value()) {
                if (Message.compareIds(message.id(), end) >= 0) {
                    return CompletableFuture.completedFuture(read);
                }
                read.add(message);
            }
            return served.value().size() < pageSize ? CompletableFuture.completedFuture(read)
                    : olderThan(id, read.get(read.size() - 1).id(), end, read);
        });
    }

    private static List<Message> stampedFrom(@Nullable Instant after, List<Message> messages) {
        return after == null ? messages
                : messages.stream().filter(message -> !message.createdAt().isBefore(after)).toList();
    }
}

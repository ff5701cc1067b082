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
 *   <li>{@code afterTimestamp} t: the messages from the id below t on ({@link Mnemo#messagesAfter},
 *       in pages), those stamped before t left out; with k too, the last k, then those from t on,
 *       as ADK's own service composes the two;</li>
 *   <li>neither: every message, in pages.</li>
 * </ul>
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
        if (config.numRecentEvents().isPresent()) {
            int k = config.numRecentEvents().get();
            CompletionStage<List<Message>> recent = k <= 0 ? CompletableFuture.completedFuture(List.of())
                    : mnemo.history(id, k).thenApply(Served::value);
            return recent.thenApply(messages -> from(after, messages));
        }
        return after == null ? all(id)
                : pages(id, EventIds.before(after), new ArrayList<>()).thenApply(messages -> from(after, messages));
    }

    /** @return every message of session {@code id}, oldest first */
    CompletionStage<List<Message>> all(SessionId id) {
        return pages(id, null, new ArrayList<>());
    }

    private CompletionStage<List<Message>> pages(SessionId id, @Nullable UUID afterId, List<Message> read) {
        return mnemo.messagesAfter(id, afterId, pageSize).thenCompose(served -> {
            List<Message> page = served.value();
            read.addAll(page);
            return page.size() < pageSize ? CompletableFuture.completedFuture(read)
                    : pages(id, page.get(page.size() - 1).id(), read);
        });
    }

    private static List<Message> from(@Nullable Instant after, List<Message> messages) {
        return after == null ? messages
                : messages.stream().filter(message -> !message.createdAt().isBefore(after)).toList();
    }
}

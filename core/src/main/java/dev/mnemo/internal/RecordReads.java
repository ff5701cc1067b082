package dev.mnemo.internal;

import dev.mnemo.Message;
import dev.mnemo.Served;
import dev.mnemo.Session;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Stages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The reads answered by the tier of record (paging the whole transcript, a user's sessions), with
 * what the durable tier does not hold yet merged in: messages and sessions written while it lagged
 * or was out wait in this process and in the hot tier's journal, and a reader must not miss them,
 * nor be told that a session it just opened does not exist. The journal is read up to
 * {@value #JOURNAL_PAGE} entries: enough for any journal the durable tier is keeping up with.
 */
final class RecordReads {

    /** The most journal entries a page merges in. */
    static final int JOURNAL_PAGE = 1_000;
    private static final long JOURNAL_BYTES = 4L * 1024 * 1024;

    private final Tiers tiers;
    private final Reads reads;
    private final @Nullable DurableFlusher flusher;

    RecordReads(Tiers tiers, Reads reads, @Nullable DurableFlusher flusher) {
        this.tiers = tiers;
        this.reads = reads;
        this.flusher = flusher;
    }

    /** @return up to {@code limit} messages after {@code after}, oldest first, the durable tier's and those still on their way to it */
    CompletionStage<Served<List<Message>>> messagesAfter(SessionRef ref, @Nullable UUID after, int limit) {
        if (tiers.durable == null || tiers.hot == null) {
            return reads.ofRecord(tier -> tier.messagesAfter(ref, after, limit));
        }
        return pending(ref).thenCompose(waiting -> Reads.recover(reads.ofRecord(tier -> tier.messagesAfter(ref, after, limit)),
                error -> Outages.isMissing(error) ? hotHas(ref).thenCompose(present -> present
                        ? CompletableFuture.completedFuture(new Served<>(List.<Message>of(), tiers.hot.name(), false))
                        : CompletableFuture.failedFuture(error)) : CompletableFuture.failedFuture(error))
                .thenApply(page -> page.with(merge(page.value(), waiting, after, limit))));
    }

    /** @return the user's sessions, most recently active first: the tier of record's and the hot tier's, by id */
    CompletionStage<Served<List<Session>>> listSessions(String namespace, String userId, int limit) {
        CompletionStage<Served<List<Session>>> record = reads.ofRecord(tier -> tier.listSessions(namespace, userId, limit));
        if (tiers.durable == null || tiers.hot == null) {
            return record;
        }
        CompletableFuture<List<Session>> hot = Stages.call(() -> tiers.hot.listSessions(namespace, userId, limit))
                .toCompletableFuture().exceptionally(error -> List.of());
        return record.thenCombine(hot, (served, recent) -> {
            Map<SessionRef, Session> byRef = new LinkedHashMap<>();
            served.value().forEach(session -> byRef.put(session.ref(), session));
            recent.forEach(session -> byRef.merge(session.ref(), session,
                    (one, other) -> one.updatedAt().isAfter(other.updatedAt()) ? one : other));
            return served.with(byRef.values().stream().sorted(Comparator.comparing(Session::updatedAt).reversed())
                    .limit(limit).toList());
        });
    }

    /** @return the messages of the session that the durable tier may not have yet: here, and in the journal */
    private CompletionStage<List<Message>> pending(SessionRef ref) {
        List<Message> here = flusher == null ? List.of() : flusher.pendingMessages(ref);
        if (tiers.journal == null) {
            return CompletableFuture.completedFuture(here);
        }
        return Stages.call(() -> tiers.journal.read(ref, JOURNAL_PAGE, JOURNAL_BYTES)).handle((page, error) -> {
            List<Message> all = new ArrayList<>(here);
            if (error == null) {
                all.addAll(page.messages());
            }
            return all;
        });
    }

    private CompletionStage<Boolean> hotHas(SessionRef ref) {
        return Stages.call(() -> tiers.hot.getSession(ref)).handle((found, error) -> error == null && found.isPresent());
    }

    /** @return the first {@code limit} messages after {@code after} of both lists, by id, each once */
    private static List<Message> merge(List<Message> page, List<Message> waiting, @Nullable UUID after, int limit) {
        if (waiting.isEmpty()) {
            return page;
        }
        TreeMap<UUID, Message> byId = new TreeMap<>(Message::compareIds);
        page.forEach(message -> byId.put(message.id(), message));
        waiting.stream().filter(message -> after == null || Message.compareIds(message.id(), after) > 0)
                .forEach(message -> byId.putIfAbsent(message.id(), message));
        return byId.values().stream().limit(limit).toList();
    }
}

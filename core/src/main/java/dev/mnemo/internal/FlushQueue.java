package dev.mnemo.internal;

import dev.mnemo.Message;
import dev.mnemo.spi.BatchWriter;
import dev.mnemo.spi.SessionRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What waits in the {@link DurableFlusher}: each session's {@link FlushLane}, the sessions ready to
 * be sent, oldest first, and how many messages wait in all; and the choice of what goes in the next
 * commit. Not thread-safe: used only under the flusher's lock.
 */
final class FlushQueue {

    private final Map<SessionRef, FlushLane> lanes = new HashMap<>();
    private final Deque<SessionRef> ready = new ArrayDeque<>();
    private int pending;

    /** @return the session's lane, made when it has none */
    FlushLane open(SessionRef ref) {
        return lanes.computeIfAbsent(ref, FlushLane::new);
    }

    /** @return the session's lane, or {@code null} when nothing of it waits */
    @Nullable FlushLane get(SessionRef ref) {
        return lanes.get(ref);
    }

    /** @return the waiter of the message's entry in {@code lane}, counted when new */
    CompletableFuture<BatchWriter.Stored> add(FlushLane lane, Message message, long weight, boolean journaled,
                                              boolean loaded) {
        int before = lane.entries.size();
        FlushLane.Entry entry = lane.add(message, weight, journaled, loaded);
        pending += lane.entries.size() - before;
        return entry.stored;
    }

    /** Takes an entry out of its lane, committed or refused; it counts no more. */
    void remove(FlushLane lane, FlushLane.Entry entry) {
        if (lane.entries.remove(entry.message.id(), entry)) {
            pending--;
        }
    }

    /** Forgets a lane that is empty and that neither a commit nor the session's creation holds. */
    void forgetIfIdle(FlushLane lane) {
        if (lane.entries.isEmpty() && !lane.sending) {
            lanes.remove(lane.ref);
        }
    }

    /** @return the session's lane, taken out with all its messages, or {@code null} when it had none */
    @Nullable FlushLane remove(SessionRef ref) {
        FlushLane lane = lanes.remove(ref);
        if (lane != null) {
            ready.remove(ref);
            pending -= lane.entries.size();
        }
        return lane;
    }

    /** Queues the lane's session to be sent, unless it waits already, is being sent or holds nothing. */
    void enqueue(FlushLane lane) {
        if (!lane.entries.isEmpty() && !lane.sending && !ready.contains(lane.ref)) {
            ready.addLast(lane.ref);
        }
    }

    /** @return whether a session waits to be sent */
    boolean hasReady() {
        return !ready.isEmpty();
    }

    /**
     * @param limits what one commit of the durable tier carries at most
     * @return the oldest waiting sessions' messages that fit in one commit, at least one message
     *         (none when no lane can send now); their lanes are marked as sending
     */
    Map<SessionRef, List<FlushLane.Entry>> takeGroup(BatchWriter limits) {
        Map<SessionRef, List<FlushLane.Entry>> group = new LinkedHashMap<>();
        int writes = 0;
        long bytes = 0;
        for (int i = ready.size(); i > 0 && writes < limits.maxWrites(); i--) {
            SessionRef ref = ready.pollFirst();
            FlushLane lane = lanes.get(ref);
            if (lane == null || lane.sending || lane.entries.isEmpty()) {
                continue;
            }
            List<FlushLane.Entry> taken = new ArrayList<>();
            writes++; // the session's own document
            for (FlushLane.Entry entry : lane.entries.values()) {
                boolean fits = writes + 1 <= limits.maxWrites() && bytes + entry.weight <= limits.maxBytes();
                if ((!fits && !(group.isEmpty() && taken.isEmpty())) || (lane.isolate && !taken.isEmpty())) {
                    break;
                }
                taken.add(entry);
                writes++;
                bytes += entry.weight;
            }
            if (taken.isEmpty()) {
                ready.addFirst(ref);
                break;
            }
            lane.sending = true;
            group.put(ref, taken);
            if (lane.isolate) {
                break; // a refused commit is retried one message at a time
            }
        }
        return group;
    }

    /** @return every entry waiting, of every session */
    Stream<FlushLane.Entry> entries() {
        return lanes.values().stream().flatMap(lane -> lane.entries.values().stream());
    }

    /** @return the sessions with a lane */
    List<SessionRef> sessions() {
        return List.copyOf(lanes.keySet());
    }

    /** @return how many messages wait */
    int size() {
        return pending;
    }
}

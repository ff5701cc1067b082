package dev.mnemo.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Message;
import dev.mnemo.SessionId;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.it.WriterProcess.Ack;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.store.firestore.FirestoreStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What Firestore holds of acknowledged messages, read straight from the emulator: the check every
 * fault test ends with. Each acknowledged message must be there exactly once, in id order, and the
 * session's counter must agree.
 */
final class DurableTranscripts {

    private final Servers servers;
    private final String namespace;

    DurableTranscripts(Servers servers, String namespace) {
        this.servers = servers;
        this.namespace = namespace;
    }

    /** Waits up to {@code drain} until Firestore holds every acknowledged message, then checks each session holds them once, in order. */
    void assertHoldsExactly(List<Ack> acked, Duration drain) {
        Map<String, Set<UUID>> expected = acked.stream().collect(Collectors.groupingBy(Ack::session,
                TreeMap::new, Collectors.mapping(Ack::id, Collectors.toCollection(TreeSet::new))));
        long deadline = System.nanoTime() + drain.toNanos();
        Map<String, List<UUID>> held = ids(expected.keySet());
        while (!holdsAll(held, expected) && System.nanoTime() < deadline) {
            sleep();
            held = ids(expected.keySet());
        }
        try (FirestoreStore view = servers.durableView()) {
            for (Map.Entry<String, Set<UUID>> session : expected.entrySet()) {
                List<UUID> ids = held.get(session.getKey());
                assertThat(ids).as("session %s holds every acknowledged message", session.getKey())
                        .containsAll(session.getValue());
                assertThat(ids).as("once each, in id order").doesNotHaveDuplicates()
                        .isSortedAccordingTo(Message::compareIds);
                assertThat(Stages.join(view.getSession(ref(session.getKey()))).orElseThrow().messageCount())
                        .as("the session's counter").isEqualTo(ids.size());
            }
        }
    }

    /** @return per session of {@code acked}, the ids of the messages Firestore holds, in its order */
    Map<String, List<UUID>> ids(List<Ack> acked) {
        return ids(acked.stream().map(Ack::session).collect(Collectors.toCollection(TreeSet::new)));
    }

    private Map<String, List<UUID>> ids(Set<String> sessions) {
        Map<String, List<UUID>> ids = new TreeMap<>();
        try (FirestoreStore view = servers.durableView()) {
            for (String session : sessions) {
                List<UUID> found = new ArrayList<>();
                UUID after = null;
                while (true) {
                    List<Message> page;
                    try {
                        page = Stages.join(view.messagesAfter(ref(session), after, 500));
                    } catch (SessionNotFoundException e) {
                        break; // not created in Firestore yet
                    }
                    if (page.isEmpty()) {
                        break;
                    }
                    page.forEach(message -> found.add(message.id()));
                    after = page.get(page.size() - 1).id();
                }
                ids.put(session, found);
            }
        }
        return ids;
    }

    private SessionRef ref(String session) {
        return new SessionRef(namespace, SessionId.of(session));
    }

    private static boolean holdsAll(Map<String, List<UUID>> held, Map<String, Set<UUID>> expected) {
        return expected.entrySet().stream().allMatch(e -> held.get(e.getKey()).containsAll(e.getValue()));
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

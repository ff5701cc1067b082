package dev.mnemo.examples.chatbot;

import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.Served;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns that a client may retry: {@code POST /sessions/{id}/messages} with an
 * {@code Idempotency-Key} header stores the user's message once, and answers a retry with the
 * answer already stored, however often the request is sent, whichever instance takes it.
 *
 * <p>The record of a key is the session's transcript in Mnemo, not this process: the user's message
 * carries the key in its metadata ({@value #KEY}), and the answer names the message it answers
 * ({@link Conversation#IN_REPLY_TO}). A keyed request first looks for its key among the session's
 * last {@value #RECALL} messages (one read of the hot tier):
 * <ul>
 *   <li>the message and its answer are there: the answer is sent again, nothing is stored;</li>
 *   <li>only the message is there (the model failed, or the answer was not stored): it is appended
 *       again under <em>its own id</em>, which Mnemo recognises and does not store twice, and the
 *       model is asked again;</li>
 *   <li>neither: a new turn, whose message gets a fresh id.</li>
 * </ul>
 * Why not derive the id from the key: Mnemo orders a session by message id (UUIDv7, time-ordered),
 * so a name-based UUID (v3/v5) would put the message at a random place in the transcript, and a
 * UUIDv7 needs the time of the first attempt, which a retry cannot know without a record. Why not a
 * map of keys in this process: it would forget them on a restart and not be shared by instances,
 * while the transcript is both durable and shared.
 *
 * <p>Two requests with one key at the same moment in this process are serialised by a lock per key
 * (held only while the turn runs; the map holds no more entries than requests in flight): the
 * second is answered 409 with {@code Retry-After}, then replays the first's answer. The bounds: a
 * retry is recognised while its message is among the last {@value #RECALL} of its session; two
 * instances taking the same key at the same instant may both store it.
 */
final class IdempotentTurns {

    /** The metadata key of a user message that holds the request's idempotency key. */
    static final String KEY = "idempotencyKey";
    /** How many of a session's last messages a retry is looked for in. */
    static final int RECALL = 50;
    /** An idempotency key: 1 to 128 visible ASCII characters, such as a UUID. */
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");

    /**
     * What a keyed turn answers.
     *
     * @param turn     the turn
     * @param replayed whether the turn had been answered before, and nothing was stored now
     */
    record Outcome(Conversation.Turn turn, boolean replayed) {
    }

    private final Conversation conversation;
    private final ConcurrentMap<String, KeyLock> inFlight = new ConcurrentHashMap<>();

    IdempotentTurns(Conversation conversation) {
        this.conversation = conversation;
    }

    /**
     * @param key the {@code Idempotency-Key} header, or {@code null} for a turn that is not retried
     * @throws RequestException 400 for a malformed key, 409 while a request with the same key is in
     *                          flight, 422 when the key was used for another message
     */
    Outcome say(SessionId id, String userId, String content, @Nullable String key) {
        Session session = conversation.owned(id, userId);
        if (key == null) {
            return new Outcome(conversation.say(session, Message.user(content)), false);
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw new RequestException(400, "Idempotency-Key must be 1-128 visible ASCII characters, such as a UUID");
        }
        String scope = userId + '\n' + id.value() + '\n' + key; // no part can hold a newline
        KeyLock lock = inFlight.compute(scope, (s, held) -> (held == null ? new KeyLock() : held).join());
        try {
            if (!lock.tryLock()) {
                throw new RequestException(409, "A request with this Idempotency-Key is still in progress",
                        Map.of("Retry-After", "1"));
            }
            try {
                return once(session, content, key);
            } finally {
                lock.unlock();
            }
        } finally {
            inFlight.computeIfPresent(scope, (s, held) -> held.leave() ? null : held);
        }
    }

    private Outcome once(Session session, String content, String key) {
        Served<List<Message>> recent = conversation.memory().history(session.id(), RECALL);
        Optional<Message> asked = recent.value().stream()
                .filter(m -> m.role() == Role.USER && key.equals(m.metadata().get(KEY))).findFirst();
        if (asked.isEmpty()) {
            Message fresh = Message.builder(Role.USER).content(content).metadata(KEY, key).build();
            return new Outcome(conversation.say(session, fresh), false);
        }
        Message before = asked.get();
        if (!before.content().equals(content)) {
            throw new RequestException(422, "This Idempotency-Key was used for another message");
        }
        Optional<Message> answer = recent.value().stream().filter(m -> Conversation.answers(m, before.id())).findFirst();
        if (answer.isPresent()) {
            return new Outcome(new Conversation.Turn(before.id(), answer.get().id(), answer.get().content(),
                    recent.tier(), recent.degraded()), true);
        }
        // The same id again: Mnemo stores nothing twice, and the model is asked anew.
        Message again = new Message(before.id(), Role.USER, content, null, List.of(), null, Map.of(KEY, key),
                Instant.now(), 0);
        return new Outcome(conversation.say(session, again), false);
    }

    /** A lock with the count of requests that hold or wait for it, so the map forgets it after the last. */
    private static final class KeyLock extends ReentrantLock {
        private static final long serialVersionUID = 1L;
        private int requests; // changed only inside the map's compute, which serialises it

        KeyLock join() {
            requests++;
            return this;
        }

        boolean leave() {
            return --requests == 0;
        }
    }
}

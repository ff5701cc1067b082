package dev.mnemo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mnemo.internal.Router;
import dev.mnemo.spi.SessionChange;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.ChangeCodec;
import dev.mnemo.spi.support.Stages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A user's or a session's whole data as JSON Lines, and back ({@link Mnemo#transfer()}): what a data-access or portability
 * request needs, and what moves data between deployments. One line per record, first a header:
 * <pre>
 * {"type":"header","format":"mnemo-export","version":1,"namespace":…}
 * {"type":"session","id":…,"change":{the session as a journal's create entry, see ChangeCodec}}
 * {"type":"message","session":…,"message":{…}}        one per message, in id order
 * {"type":"state","session":…,"values":{…}}           the session's own keys
 * {"type":"summary","session":…,"summary":{…}}
 * {"type":"user-state","user":…,"values":{…}}          the user's user: keys
 * </pre>
 * Import is idempotent (messages by id, state by key, a summary only over an older version), so a
 * re-run after a crash finishes the job and stores nothing twice; each call has the deadline of
 * any Mnemo call. A session is opened as it was, its messages appended, then ended as it was. A
 * session purged since it was exported comes back as a new one (created at the import, since a
 * purge is final for what was created before it); everything else reads the same.
 */
public final class DataTransfer {

    /** The format's version, in the header. */
    static final int VERSION = 1;
    private static final String FORMAT = "mnemo-export";
    private static final int PAGE = 500;
    private static final ObjectMapper MAPPER = JsonCodec.mapper();

    private final Router router;
    private final String namespace;
    private final Duration deadline;
    private final Clock clock;

    /**
     * @param deadline how long each underlying call may take
     */
    DataTransfer(Router router, String namespace, Duration deadline, Clock clock) {
        this.router = router;
        this.namespace = namespace;
        this.deadline = deadline;
        this.clock = clock;
    }

    /**
     * Writes every session of {@code userId} in this namespace, then the user's {@code user:} state.
     *
     * @param out      where the lines go; not closed
     * @param progress told what was written so far, now and then and at the end
     * @return what was written
     */
    public TransferStats exportUser(String userId, Writer out, Consumer<TransferStats> progress) {
        SessionRef.checkUserId(userId);
        Counter counter = new Counter(progress);
        header(out);
        State userState = State.EMPTY;
        for (Session session : await(router.listSessions(namespace, userId, Integer.MAX_VALUE)).value()) {
            userState = exportSession(session, out, counter).scope(StateScope.USER);
        }
        if (!userState.values().isEmpty()) {
            line(out, MAPPER.createObjectNode().put("type", "user-state").put("user", userId)
                    .set("values", MAPPER.valueToTree(userState.values())));
            counter.states++;
        }
        return counter.done();
    }

    /**
     * Writes one session: itself, its messages, its own state and its summary.
     *
     * @param out      where the lines go; not closed
     * @param progress told what was written so far, now and then and at the end
     * @return what was written; fails with {@link SessionNotFoundException} when there is no such session
     */
    public TransferStats exportSession(SessionId id, Writer out, Consumer<TransferStats> progress) {
        SessionRef ref = new SessionRef(namespace, id);
        Session session = await(router.readHot(ref, tier -> tier.getSession(ref), java.util.Optional::isEmpty)).value()
                .orElseThrow(() -> new SessionNotFoundException(ref.toString()));
        Counter counter = new Counter(progress);
        header(out);
        exportSession(session, out, counter);
        return counter.done();
    }

    /** @return the session's whole state, of which its own keys were written */
    private State exportSession(Session session, Writer out, Counter counter) {
        SessionRef ref = session.ref();
        ObjectNode record = MAPPER.createObjectNode().put("type", "session").put("id", ref.id().value());
        record.set("change", read(ChangeCodec.write(new SessionChange.Create(session))));
        line(out, record);
        counter.sessions++;
        UUID after = null;
        while (true) {
            List<Message> page = await(router.messagesAfter(ref, after, PAGE)).value();
            for (Message message : page) {
                line(out, MAPPER.createObjectNode().put("type", "message").put("session", ref.id().value())
                        .set("message", read(JsonCodec.write(message))));
                counter.messages++;
            }
            counter.tell();
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        State state = await(router.readHot(ref, tier -> tier.getState(ref), found -> false)).value();
        State own = state.scope(StateScope.SESSION);
        if (!own.values().isEmpty()) {
            line(out, MAPPER.createObjectNode().put("type", "state").put("session", ref.id().value())
                    .set("values", MAPPER.valueToTree(own.values())));
            counter.states++;
        }
        await(router.readHot(ref, tier -> tier.getSummary(ref), found -> false)).value().ifPresent(summary -> {
            line(out, MAPPER.createObjectNode().put("type", "summary").put("session", ref.id().value())
                    .set("summary", read(JsonCodec.write(summary))));
            counter.summaries++;
        });
        return state;
    }

    /**
     * Reads an export and writes it into this namespace, whatever namespace it came from.
     *
     * @param in       the lines; not closed
     * @param progress told what was imported so far, now and then and at the end
     * @return what was imported
     * @throws InvalidInputException naming the line of a record that is not one
     */
    public TransferStats importFrom(BufferedReader in, Consumer<TransferStats> progress) {
        try {
            await(router.settlePurges()); // a purge still on its way to the durable tier would delete what is imported
        } catch (StoreUnavailableException e) {
            throw new StoreUnavailableException(e.tier(), "a purge has not reached the durable tier yet; import once it"
                    + " answers, so the purge cannot delete what is imported", e);
        }
        Counter counter = new Counter(progress);
        Importing importing = new Importing();
        try {
            int number = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                number++;
                if (!text.isBlank()) {
                    apply(number, read(text), importing, counter);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        importing.finish(this, counter);
        return counter.done();
    }

    private void apply(int number, JsonNode record, Importing importing, Counter counter) {
        String type = record.path("type").asText();
        try {
            switch (type) {
                case "header" -> {
                    if (!FORMAT.equals(record.path("format").asText()) || record.path("version").asInt() > VERSION) {
                        throw new InvalidInputException("not a " + FORMAT + " of version " + VERSION + " or older");
                    }
                }
                case "session" -> {
                    importing.finish(this, counter);
                    SessionRef ref = new SessionRef(namespace, SessionId.of(record.path("id").asText()));
                    Session exported = ((SessionChange.Create) ChangeCodec.read("line " + number, ref,
                            record.get("change").toString())).session();
                    importing.start(open(exported));
                    counter.sessions++;
                }
                case "message" -> {
                    Message message = JsonCodec.readMessage("line " + number, record.get("message").toString());
                    await(router.append(importing.ref(record), List.of(message)));
                    counter.messages++;
                    if (counter.messages % PAGE == 0) {
                        counter.tell();
                    }
                }
                case "state" -> {
                    StateDelta.Builder delta = StateDelta.builder();
                    record.get("values").fields().forEachRemaining(field ->
                            delta.set(field.getKey(), MAPPER.convertValue(field.getValue(), Object.class)));
                    await(router.write(new SessionChange.StateChange(importing.ref(record), delta.build())));
                    counter.states++;
                }
                case "summary" -> {
                    SessionRef ref = importing.ref(record);
                    Summary summary = JsonCodec.read("line " + number, record.get("summary").toString(), Summary.class);
                    long stored = await(router.readHot(ref, tier -> tier.getSummary(ref), found -> false)).value()
                            .map(Summary::version).orElse(0L);
                    if (stored < summary.version()) {
                        await(router.compareAndSetSummary(ref, stored, summary));
                    }
                    counter.summaries++;
                }
                case "user-state" -> importing.userState(record);
                default -> throw new InvalidInputException("unknown record type '" + type + "'");
            }
        } catch (MnemoException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("Line " + number + " of the import: " + e.getMessage(), e);
        }
    }

    /** Opens the session as it was exported, ACTIVE so it takes its messages; a purged one comes back new. */
    private Session open(Session exported) {
        Session active = new Session(exported.id(), namespace, exported.userId(), exported.createdAt(), exported.updatedAt(),
                SessionStatus.ACTIVE, exported.metadata(), 0, 0, null);
        try {
            await(router.write(new SessionChange.Create(active)));
        } catch (SessionNotFoundException purged) {
            Session now = new Session(active.id(), namespace, active.userId(), clock.instant(), clock.instant(),
                    SessionStatus.ACTIVE, active.metadata(), 0, 0, null);
            await(router.write(new SessionChange.Create(now)));
        }
        return exported;
    }

    /** Ends a session that was exported ENDED, once its messages are in. */
    void end(Session exported) {
        if (exported.status() == SessionStatus.ENDED && exported.end() != null) {
            await(router.write(new SessionChange.End(new SessionRef(namespace, exported.id()), exported.end())));
        }
    }

    /** Applies the user's {@code user:} state through one of the user's imported sessions. */
    void userState(SessionRef through, JsonNode values) {
        StateDelta.Builder delta = StateDelta.builder();
        values.fields().forEachRemaining(field -> delta.set(field.getKey(), MAPPER.convertValue(field.getValue(), Object.class)));
        await(router.write(new SessionChange.StateChange(through, delta.build())));
    }

    private void header(Writer out) {
        line(out, MAPPER.createObjectNode().put("type", "header").put("format", FORMAT).put("version", VERSION)
                .put("namespace", namespace).put("exportedAt", clock.instant().toString()));
    }

    private static void line(Writer out, JsonNode record) {
        try {
            out.write(JsonCodec.write(record));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new InvalidInputException("Not one JSON record: " + e.getMessage(), e);
        }
    }

    private <T> T await(CompletionStage<T> stage) {
        return Stages.await(stage, deadline, "transfer");
    }

    /** What an import is in the middle of: the session whose records follow, and the user state to apply. */
    private static final class Importing {
        private Session session;
        private SessionRef last;
        private JsonNode userState;
        private String user;

        void start(Session exported) {
            session = exported;
            last = exported.ref();
        }

        SessionRef ref(JsonNode record) {
            String id = record.path("session").asText();
            if (session == null || !session.id().value().equals(id)) {
                throw new InvalidInputException("a record of session '" + id + "' before that session's own record");
            }
            return new SessionRef(session.namespace(), session.id());
        }

        void userState(JsonNode record) {
            userState = record.get("values");
            user = record.path("user").asText();
        }

        void finish(DataTransfer transfers, Counter counter) {
            if (session != null) {
                transfers.end(session);
                session = null;
            }
            if (userState != null && last != null) {
                transfers.userState(new SessionRef(transfers.namespace, last.id()), userState);
                counter.states++;
                userState = null;
            } else if (userState != null) {
                throw new InvalidInputException("the user state of '" + user + "' comes with none of the user's sessions");
            }
        }
    }

    /** Counts what a transfer moved and tells the caller as it goes. */
    private static final class Counter {
        private final Consumer<TransferStats> progress;
        private long sessions;
        private long messages;
        private long states;
        private long summaries;

        Counter(Consumer<TransferStats> progress) {
            this.progress = progress;
        }

        void tell() {
            progress.accept(stats());
        }

        TransferStats done() {
            TransferStats stats = stats();
            progress.accept(stats);
            return stats;
        }

        private TransferStats stats() {
            return new TransferStats(sessions, messages, states, summaries);
        }
    }
}

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
    static final String FORMAT = "mnemo-export";
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
        TransferCounter counter = new TransferCounter(progress);
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
        TransferCounter counter = new TransferCounter(progress);
        header(out);
        exportSession(session, out, counter);
        return counter.done();
    }

    /** @return the session's whole state, of which its own keys were written */
    private State exportSession(Session session, Writer out, TransferCounter counter) {
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
        return new TransferImport(router, namespace, clock, this::await).importFrom(in, progress);
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

    static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new InvalidInputException("Not one JSON record: " + e.getMessage(), e);
        }
    }

    <T> T await(CompletionStage<T> stage) {
        return Stages.await(stage, deadline, "transfer");
    }
}

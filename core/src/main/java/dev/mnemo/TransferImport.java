package dev.mnemo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mnemo.internal.Router;
import dev.mnemo.spi.SessionChange;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.ChangeCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The import half of {@link DataTransfer}: records read in order, each applied idempotently, a
 * session opened as it was exported and ended as it was once its records are in.
 */
final class TransferImport {

    private static final int PAGE = 500;
    private static final ObjectMapper MAPPER = JsonCodec.mapper();

    private final Router router;
    private final String namespace;
    private final Clock clock;
    private final Awaiter awaiter;

    /** Waits for a stage within the call deadline. */
    interface Awaiter {
        <T> T await(CompletionStage<T> stage);
    }

    TransferImport(Router router, String namespace, Clock clock, Awaiter awaiter) {
        this.router = router;
        this.namespace = namespace;
        this.clock = clock;
        this.awaiter = awaiter;
    }

    public TransferStats importFrom(BufferedReader in, Consumer<TransferStats> progress) {
        try {
            await(router.settlePurges()); // a purge still on its way to the durable tier would delete what is imported
        } catch (StoreUnavailableException e) {
            throw new StoreUnavailableException(e.tier(), "a purge has not reached the durable tier yet; import once it"
                    + " answers, so the purge cannot delete what is imported", e);
        }
        TransferCounter counter = new TransferCounter(progress);
        Importing importing = new Importing();
        try {
            int number = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                number++;
                if (!text.isBlank()) {
                    apply(number, DataTransfer.read(text), importing, counter);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        importing.finish(this, counter);
        return counter.done();
    }

    private void apply(int number, JsonNode record, Importing importing, TransferCounter counter) {
        String type = record.path("type").asText();
        try {
            switch (type) {
                case "header" -> {
                    if (!DataTransfer.FORMAT.equals(record.path("format").asText()) || record.path("version").asInt() > DataTransfer.VERSION) {
                        throw new InvalidInputException("not a " + DataTransfer.FORMAT + " of version " + DataTransfer.VERSION + " or older");
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
    private void end(Session exported) {
        if (exported.status() == SessionStatus.ENDED && exported.end() != null) {
            await(router.write(new SessionChange.End(new SessionRef(namespace, exported.id()), exported.end())));
        }
    }

    /** Applies the user's {@code user:} state through one of the user's imported sessions. */
    private void userState(SessionRef through, JsonNode values) {
        StateDelta.Builder delta = StateDelta.builder();
        values.fields().forEachRemaining(field -> delta.set(field.getKey(), MAPPER.convertValue(field.getValue(), Object.class)));
        await(router.write(new SessionChange.StateChange(through, delta.build())));
    }

    private <T> T await(CompletionStage<T> stage) {
        return awaiter.await(stage);
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

        void finish(TransferImport transfers, TransferCounter counter) {
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
}

package dev.mnemo.imports;

import dev.mnemo.AppendResult;
import dev.mnemo.BlockingMnemo;
import dev.mnemo.ConflictException;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.spi.support.Limits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of an import of conversations into Mnemo, one conversation per {@link #conversation}
 * call; the framework adapters' importers drive it. Not thread-safe: one run, one thread.
 *
 * <p><b>Idempotent.</b> A message's id is derived from its session and its position in the source
 * conversation ({@link PositionIds}): a UUIDv7 whose time is the millisecond the session was
 * created and whose other bits count the position up, so the ids keep the source's order, come
 * before any message appended later, and are the same in every run. Appends are idempotent by id,
 * so a message imported twice is stored once.
 *
 * <p><b>Resumable.</b> After each batch the session's metadata records how many of its messages
 * are stored ({@value #IMPORTED}); a later run continues from there, and a batch a crash cut short
 * is appended again under the same ids. Messages added to the source since are imported after the
 * others.
 *
 * <p><b>Refused, never mixed.</b> A conversation is left untouched, logged once and listed in
 * {@link ImportProgress#refused()}, when its session belongs to another user, holds messages no
 * import wrote, or its source changed since an earlier run (a window store that dropped its
 * oldest messages shifts every position, so the import would store them again under new ids).
 */
public final class TranscriptImport {

    /** The default number of messages per append: {@value}. */
    public static final int DEFAULT_BATCH_SIZE = 100;
    /** The session metadata key that holds how many of the conversation's messages are stored. */
    public static final String IMPORTED = "import.messages";
    /** The session metadata key that names where the conversation came from. */
    public static final String SOURCE = "import.source";

    private static final Logger LOG = LoggerFactory.getLogger(TranscriptImport.class);
    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT = 0x8000_0000_0000_0000L;
    private static final int LOW_POSITION_BITS = 19;
    private static final int PART_BITS = 16;
    private static final int SALT_BITS = 27;

    /**
     * Maps a source conversation to Mnemo messages.
     *
     * @param <T> the source's message type
     */
    @FunctionalInterface
    public interface Mapping<T> {
        /**
         * @param source the conversation, oldest first
         * @param ids    the id of each message: the n-th message of the source, or the n-th part
         *               of it when it becomes several Mnemo messages, takes {@code ids.of(position, part)}
         * @return the Mnemo messages, in order; the same for the same source in every run
         */
        List<Message> map(List<T> source, PositionIds ids);
    }

    /** The id of the message at a position of its source conversation. */
    @FunctionalInterface
    public interface PositionIds {
        /**
         * @param position the message's position in the source, from 0
         * @param part     which of the Mnemo messages it becomes, from 0, below 65,536
         * @return its id, the same in every run
         */
        UUID of(int position, int part);
    }

    private final BlockingMnemo mnemo;
    private final String source;
    private final int batchSize;
    private final Consumer<ImportProgress> listener;
    private final Map<String, String> refused = new LinkedHashMap<>();
    private int conversations;
    private long imported;
    private long alreadyImported;

    private TranscriptImport(Builder builder) {
        this.mnemo = builder.mnemo.blocking();
        this.source = builder.source;
        this.batchSize = builder.batchSize;
        this.listener = builder.listener;
    }

    /**
     * @param mnemo  where the conversations go
     * @param source where they come from, recorded in each session's metadata ({@value #SOURCE}),
     *               such as {@code "langchain4j"}
     * @return a builder of one run
     */
    public static Builder builder(Mnemo mnemo, String source) {
        return new Builder(mnemo, source);
    }

    /**
     * Imports one conversation, continuing where an earlier run stopped. Each Mnemo call is bounded
     * by the call deadline; a failure ends the call with its {@link dev.mnemo.MnemoException}, and
     * a later run continues from the last batch stored.
     *
     * @param conversation its id in the source, for the report and the logs
     * @param session      the session it goes to
     * @param userId       the session's owner, or {@code null} for none
     * @param messages     the conversation, oldest first; an empty one creates no session
     * @param mapping      how its messages become Mnemo messages
     * @return the run's progress after it
     */
    public <T> ImportProgress conversation(String conversation, SessionId session, @Nullable String userId,
                                           List<T> messages, Mapping<T> mapping) {
        if (messages.isEmpty()) {
            conversations++;
            return report(conversation, 0, 0);
        }
        Session opened;
        try {
            opened = mnemo.openSession(session, userId, Map.of(SOURCE, source, IMPORTED, 0));
        } catch (ConflictException e) {
            return refuse(conversation, "its session " + session + " belongs to another user");
        }
        Object recorded = opened.metadata().get(IMPORTED);
        if (!(recorded instanceof Number) && opened.messageCount() > 0) {
            return refuse(conversation, "its session " + session + " holds " + opened.messageCount()
                    + " messages no import wrote");
        }
        if (!(recorded instanceof Number)) {
            mnemo.updateMetadata(session, Map.of(SOURCE, source, IMPORTED, 0));
        }
        int done = recorded instanceof Number count ? count.intValue() : 0;
        long base = opened.createdAt().toEpochMilli();
        int salt = session.value().hashCode() & ((1 << SALT_BITS) - 1);
        List<Message> mapped = mapping.map(messages, (position, part) -> positionId(base, position, part, salt));
        requireOrdered(mapped);
        if (done > mapped.size() || (done > 0 && !stillStored(session, mapped, done))) {
            return refuse(conversation, "its source changed since an earlier import stored " + done + " of its messages");
        }
        alreadyImported += done;
        while (done < mapped.size()) {
            List<Message> batch = mapped.subList(done, Math.min(done + batchSize, mapped.size()));
            AppendResult result = mnemo.append(session, batch);
            imported += result.appended();
            alreadyImported += batch.size() - result.appended();
            done += batch.size();
            mnemo.updateMetadata(session, Map.of(IMPORTED, done));
            if (done < mapped.size()) {
                report(conversation, done, mapped.size());
            }
        }
        conversations++;
        return report(conversation, done, mapped.size());
    }

    /** @return where the run stands */
    public ImportProgress progress() {
        return new ImportProgress(conversations, imported, alreadyImported, refused, "", 0, 0);
    }

    /**
     * The UUIDv7 of a position: the session's creation millisecond, then the position's upper bits
     * (rand_a), its lower bits, the part and bits of the session id's hash (rand_b), so ids of one
     * session order by position and part, and sessions created in one millisecond do not share ids.
     */
    static UUID positionId(long baseMillis, int position, int part, int salt) {
        if (position < 0 || part < 0 || part >= 1 << PART_BITS) {
            throw new IllegalArgumentException("No id for position " + position + ", part " + part);
        }
        long high = baseMillis << 16 | VERSION_7 | (position >>> LOW_POSITION_BITS);
        long low = VARIANT | (long) (position & ((1 << LOW_POSITION_BITS) - 1)) << (PART_BITS + SALT_BITS)
                | (long) part << SALT_BITS | salt;
        return new UUID(high, low);
    }

    /** Whether the last message an earlier run stored is still the one the source maps to at that place. */
    private boolean stillStored(SessionId session, List<Message> mapped, int done) {
        UUID before = done >= 2 ? mapped.get(done - 2).id() : null;
        List<Message> found = mnemo.messagesAfter(session, before, 1).value();
        return !found.isEmpty() && found.get(0).id().equals(mapped.get(done - 1).id())
                && found.get(0).sameContentAs(mapped.get(done - 1));
    }

    private static void requireOrdered(List<Message> mapped) {
        for (int i = 1; i < mapped.size(); i++) {
            if (Message.compareIds(mapped.get(i - 1).id(), mapped.get(i).id()) >= 0) {
                throw new IllegalStateException("The mapping gave message " + i + " an id that does not follow the one"
                        + " before: each message must take the id PositionIds gives its position and part");
            }
        }
    }

    private ImportProgress refuse(String conversation, String reason) {
        LOG.warn("Import of conversation {} refused: {}", Limits.quote(conversation), reason);
        refused.put(conversation, reason);
        return report(conversation, 0, 0);
    }

    private ImportProgress report(String conversation, int stored, int total) {
        ImportProgress progress = new ImportProgress(conversations, imported, alreadyImported, refused, conversation,
                stored, total);
        listener.accept(progress);
        return progress;
    }

    /** Builds a {@link TranscriptImport}. */
    public static final class Builder {
        private final Mnemo mnemo;
        private final String source;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Consumer<ImportProgress> listener = progress -> { };

        private Builder(Mnemo mnemo, String source) {
            this.mnemo = Objects.requireNonNull(mnemo, "mnemo");
            this.source = Objects.requireNonNull(source, "source");
        }

        /**
         * @param batchSize messages per append, 1 to 500 (a Firestore commit's writes); default
         *                  {@value #DEFAULT_BATCH_SIZE}
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 500) {
                throw new IllegalArgumentException("batchSize must be 1 to 500, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param listener told the progress after every batch stored and every conversation done or
         *                 refused, on the importing thread; default none
         * @return this builder
         */
        public Builder listener(Consumer<ImportProgress> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** @return a run that has imported nothing yet */
        public TranscriptImport build() {
            return new TranscriptImport(this);
        }
    }
}

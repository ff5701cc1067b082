package dev.mnemo.examples.filestore;

import dev.mnemo.ConflictException;
import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.SessionEnd;
import dev.mnemo.SessionStatus;
import dev.mnemo.State;
import dev.mnemo.StateDelta;
import dev.mnemo.StateScope;
import dev.mnemo.StoreUnavailableException;
import dev.mnemo.Summary;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.Capabilities;
import dev.mnemo.spi.Health;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/**
 * A tier on plain files, one JSON file per session (see {@link FileLayout}), written from
 * scratch against the {@link MemoryStore} contract: what the author of a store plugin writes.
 * It is durable (the files outlive the process) but not shared (writes are serialised by a lock
 * of this process), keeps every message and has no expiry. A write rewrites the session's whole
 * file, so an append costs O(session); {@code listSessions} and {@code deleteUser} read every
 * session file of the namespace: the costs of an example, which a real backend would index.
 */
public final class FileStore implements MemoryStore {

    /** The tier's name, as used in {@code mnemo.tiers}. */
    public static final String NAME = "file";

    private final FileLayout layout;
    private final JsonFiles files;
    private final FileCalls calls;
    private final Clock clock = Clock.systemUTC();

    /**
     * @param config the directory, created when missing, and whether to force writes to the disk
     * @throws StoreUnavailableException when the directory cannot be created
     */
    public FileStore(FileStoreConfig config) {
        try {
            Files.createDirectories(config.directory());
        } catch (IOException e) {
            throw new StoreUnavailableException(NAME, "Cannot create the directory " + config.directory() + ": " + e, e);
        }
        this.layout = new FileLayout(config.directory());
        this.files = new JsonFiles(config.fsync());
        this.calls = new FileCalls(NAME, config.directory().toString());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, false, 0, null);
    }

    @Override
    public CompletionStage<Session> createSession(Session session) {
        return calls.write(() -> {
            Optional<SessionFile> existing = files.read(layout.session(session.ref()), SessionFile.class);
            if (existing.isPresent() && existing.get().session().status() == SessionStatus.ENDED) {
                Session reopened = existing.get().session().reopened(clock.instant());
                files.write(layout.session(session.ref()), existing.get().with(reopened));
                return reopened;
            }
            if (existing.isPresent()) {
                return existing.get().session();
            }
            files.write(layout.session(session.ref()), SessionFile.of(session));
            return session;
        });
    }

    @Override
    public CompletionStage<Optional<Session>> getSession(SessionRef ref) {
        return calls.read(() -> files.read(layout.session(ref), SessionFile.class).map(SessionFile::session));
    }

    @Override
    public CompletionStage<Void> touchSession(SessionRef ref) {
        return calls.write(() -> {
            SessionFile file = require(ref);
            files.write(layout.session(ref), file.with(file.session().touched(clock.instant())));
            return null;
        });
    }

    @Override
    public CompletionStage<Boolean> endSession(SessionRef ref, SessionEnd end) {
        return calls.write(() -> {
            SessionFile file = require(ref);
            if (file.session().status() == SessionStatus.ENDED) {
                return false;
            }
            files.write(layout.session(ref), file.with(file.session().ended(clock.instant(), end)));
            return true;
        });
    }

    @Override
    public CompletionStage<Void> updateMetadata(SessionRef ref, Map<String, ? extends @Nullable Object> changes) {
        return calls.write(() -> {
            SessionFile file = require(ref);
            files.write(layout.session(ref), file.with(file.session().withMetadata(changes, clock.instant())));
            return null;
        });
    }

    @Override
    public CompletionStage<Boolean> deleteSession(SessionRef ref) {
        return calls.write(() -> Files.deleteIfExists(layout.session(ref)));
    }

    @Override
    public CompletionStage<Integer> deleteUser(String namespace, String userId) {
        return calls.write(() -> {
            int deleted = 0;
            for (Session session : sessions(namespace)) {
                if (userId.equals(session.userId()) && Files.deleteIfExists(layout.session(session.ref()))) {
                    deleted++;
                }
            }
            Files.deleteIfExists(layout.user(namespace, userId));
            return deleted;
        });
    }

    @Override
    public CompletionStage<List<Session>> listSessions(String namespace, String userId, int limit) {
        return calls.read(() -> sessions(namespace).stream().filter(session -> Objects.equals(userId, session.userId()))
                .sorted(Comparator.comparing(Session::updatedAt).reversed()).limit(positive("limit", limit)).toList());
    }

    @Override
    public CompletionStage<AppendOutcome> append(SessionRef ref, List<Message> messages) {
        return calls.write(() -> {
            if (messages == null || messages.isEmpty() || messages.stream().anyMatch(Objects::isNull)) {
                throw new InvalidInputException("Nothing to append to session " + ref + ": the batch is empty or holds null");
            }
            SessionFile file = require(ref);
            if (file.session().status() == SessionStatus.ENDED) {
                throw new ConflictException("Session " + ref + " has ended and takes no more messages");
            }
            TreeMap<UUID, Message> all = new TreeMap<>(Message::compareIds);
            file.messages().forEach(message -> all.put(message.id(), message));
            int added = 0;
            long tokens = 0;
            for (Message message : messages) {
                if (all.putIfAbsent(message.id(), message) == null) { // an id already stored is a retry: skip it
                    added++;
                    tokens += message.tokens();
                }
            }
            Session session = file.session();
            if (added > 0) {
                session = session.plus(added, tokens, clock.instant());
                files.write(layout.session(ref), file.with(session, new ArrayList<>(all.values())));
            }
            return new AppendOutcome(added, session.messageCount(), session.tokenCount());
        });
    }

    @Override
    public CompletionStage<List<Message>> lastMessages(SessionRef ref, int k) {
        return calls.read(() -> {
            List<Message> all = require(ref).messages();
            return all.subList(Math.max(0, all.size() - positive("k", k)), all.size());
        });
    }

    @Override
    public CompletionStage<List<Message>> messagesAfter(SessionRef ref, UUID afterId, int limit) {
        return calls.read(() -> require(ref).messages().stream()
                .filter(message -> afterId == null || Message.compareIds(message.id(), afterId) > 0)
                .limit(positive("limit", limit)).toList());
    }

    @Override
    public CompletionStage<Optional<Summary>> getSummary(SessionRef ref) {
        return calls.read(() -> Optional.ofNullable(require(ref).summary()));
    }

    @Override
    public CompletionStage<Boolean> compareAndSetSummary(SessionRef ref, long expectedVersion, Summary summary) {
        return calls.write(() -> {
            if (expectedVersion < 0 || summary.version() <= expectedVersion) {
                throw new InvalidInputException("Summary version must be above " + expectedVersion
                        + " to replace it, was " + summary.version());
            }
            SessionFile file = require(ref);
            long stored = file.summary() == null ? 0 : file.summary().version();
            if (stored != expectedVersion) {
                return false;
            }
            files.write(layout.session(ref), file.with(summary));
            return true;
        });
    }

    @Override
    public CompletionStage<State> getState(SessionRef ref) {
        return calls.read(() -> {
            SessionFile file = require(ref);
            State state = new State(file.state()).merge(shared(layout.app(ref.namespace())));
            String userId = file.session().userId();
            return userId == null ? state : state.merge(shared(layout.user(ref.namespace(), userId)));
        });
    }

    @Override
    public CompletionStage<Void> applyState(SessionRef ref, StateDelta delta) {
        return calls.write(() -> {
            SessionFile file = require(ref);
            StateDelta user = delta.scope(StateScope.USER);
            String userId = file.session().userId();
            if (!user.isEmpty() && userId == null) {
                throw new InvalidInputException("Session " + ref + " has no user, so it has no user: state");
            }
            StateDelta own = delta.scope(StateScope.SESSION); // temp: keys are never stored
            if (!own.isEmpty()) {
                files.write(layout.session(ref), file.with(new State(file.state()).apply(own).values()));
            }
            if (!user.isEmpty()) {
                Path users = layout.user(ref.namespace(), userId);
                files.write(users, new SharedState(shared(users).apply(user).values()));
            }
            StateDelta app = delta.scope(StateScope.APP);
            if (!app.isEmpty()) {
                files.write(layout.app(ref.namespace()), new SharedState(shared(layout.app(ref.namespace())).apply(app).values()));
            }
            return null;
        });
    }

    @Override
    public CompletionStage<Health> health() {
        Path root = layout.root();
        return CompletableFuture.completedFuture(Files.isDirectory(root) && Files.isWritable(root)
                ? Health.up(NAME, Duration.ZERO, root.toString())
                : Health.down(NAME, Duration.ZERO, new IOException(root + " is not a writable directory")));
    }

    @Override
    public void close() {
        // Nothing to release: every file is closed when its read or write is done.
    }

    /** The {@code user:} or {@code app:} values one file holds. */
    record SharedState(Map<String, Object> values) {
        SharedState {
            values = values == null ? Map.of() : values;
        }
    }

    private State shared(Path file) throws IOException {
        return files.read(file, SharedState.class).map(shared -> new State(shared.values())).orElse(State.EMPTY);
    }

    private SessionFile require(SessionRef ref) throws IOException {
        return files.read(layout.session(ref), SessionFile.class).orElseThrow(() -> new SessionNotFoundException(ref.toString()));
    }

    private List<Session> sessions(String namespace) throws IOException {
        Path directory = layout.sessions(namespace);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Session> sessions = new ArrayList<>();
        try (Stream<Path> listed = Files.list(directory)) {
            for (Path file : listed.filter(path -> path.toString().endsWith(".json")).toList()) {
                files.read(file, SessionFile.class).ifPresent(read -> sessions.add(read.session())); // gone: deleted meanwhile
            }
        }
        return sessions;
    }

    private static int positive(String what, int value) {
        if (value < 1) {
            throw new InvalidInputException(what + " must be at least 1, was " + value);
        }
        return value;
    }
}

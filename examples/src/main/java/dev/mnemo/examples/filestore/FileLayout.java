package dev.mnemo.examples.filestore;

import dev.mnemo.spi.SessionRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the {@link FileStore} keeps what:
 * <pre>
 * {directory}/{sha256(namespace)}/sessions/{sha256(session id)}.json   session, summary, state, messages
 * {directory}/{sha256(namespace)}/users/{sha256(user id)}.json         the user's user: state
 * {directory}/{sha256(namespace)}/app.json                             the namespace's app: state
 * </pre>
 * Names are hashes because two ids may differ only in case, or hold a ':', and neither is safe
 * in a file name on every file system. The namespace is part of every path, so one namespace
 * never reads or deletes another's files.
 */
final class FileLayout {

    private final Path root;

    /** @param root the tier's directory */
    FileLayout(Path root) {
        this.root = root;
    }

    /** @return the tier's directory */
    Path root() {
        return root;
    }

    /** @return the file of one session */
    Path session(SessionRef ref) {
        return sessions(ref.namespace()).resolve(hash(ref.id().value()) + ".json");
    }

    /** @return the directory of a namespace's session files */
    Path sessions(String namespace) {
        return namespace(namespace).resolve("sessions");
    }

    /** @return the file of a user's {@code user:} state */
    Path user(String namespace, String userId) {
        return namespace(namespace).resolve("users").resolve(hash(userId) + ".json");
    }

    /** @return the file of a namespace's {@code app:} state */
    Path app(String namespace) {
        return namespace(namespace).resolve("app.json");
    }

    private Path namespace(String namespace) {
        return root.resolve(hash(namespace));
    }

    private static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}

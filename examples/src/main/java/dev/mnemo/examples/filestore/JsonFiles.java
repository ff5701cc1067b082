package dev.mnemo.examples.filestore;

import dev.mnemo.JsonCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads and replaces whole JSON files, in Mnemo's JSON form ({@link JsonCodec}). A file is
 * written next to its target and renamed over it, so a reader (or a process that restarts after
 * a crash) sees the old file or the new one, never half of one.
 */
final class JsonFiles {

    private final boolean fsync;

    /** @param fsync whether to force each file, and then its directory's rename, to the disk */
    JsonFiles(boolean fsync) {
        this.fsync = fsync;
    }

    /**
     * @return the value the file holds, or empty when there is no file
     * @throws dev.mnemo.CorruptDataException naming the file when it does not hold a {@code type}
     */
    <T> Optional<T> read(Path file, Class<T> type) throws IOException {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(JsonCodec.read(file.toString(), json, type));
    }

    /** Replaces the file with {@code value} as JSON, creating its directory when missing. */
    void write(Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        // One writer at a time (FileStore's lock), so one temporary name per file is enough.
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        ByteBuffer bytes = ByteBuffer.wrap(JsonCodec.write(value).getBytes(StandardCharsets.UTF_8));
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            if (fsync) {
                channel.force(true);
            }
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (fsync) { // the rename lives in the directory: force it too, or a power loss may undo it
            try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            }
        }
    }
}

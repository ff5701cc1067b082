package dev.mnemo.examples.filestore;

import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.StoreConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of the {@code file} tier, read with {@link #from(StoreConfig)} from keys below
 * {@value #PREFIX}.
 *
 * @param directory {@code mnemo.file.directory}: where the tier keeps its files, created when
 *                  missing. Required: without it the tier is not available
 * @param fsync     {@code mnemo.file.fsync}: force each file and its directory to the disk
 *                  before a write is acknowledged, so it survives a power loss, at the cost of
 *                  two disk flushes per write; needs a POSIX file system (Linux, macOS), where a
 *                  directory can be forced. {@code false} survives a crash of the process only.
 *                  Default {@value #DEFAULT_FSYNC}
 */
public record FileStoreConfig(Path directory, boolean fsync) {

    /** The prefix of the tier's keys. */
    public static final String PREFIX = "mnemo.file";
    /** The key whose presence makes the tier available. */
    public static final String DIRECTORY_KEY = PREFIX + ".directory";
    /** Whether writes are forced to the disk by default. */
    public static final boolean DEFAULT_FSYNC = true;

    /** @throws NullPointerException without a directory */
    public FileStoreConfig {
        Objects.requireNonNull(directory, "directory");
    }

    /**
     * @param config the configuration to read
     * @return the settings it holds
     * @throws dev.mnemo.InvalidInputException listing every bad key at once
     */
    public static FileStoreConfig from(StoreConfig config) {
        ConfigReader reader = config.reader(PREFIX);
        String directory = reader.string("directory", null);
        Path path = null;
        if (directory == null) {
            reader.reject("directory", "is required: the directory the file tier keeps its files in");
        } else {
            try {
                path = Path.of(directory);
            } catch (InvalidPathException e) {
                reader.reject("directory", "'" + directory + "' is not a path: " + e.getReason());
            }
        }
        boolean fsync = reader.bool("fsync", DEFAULT_FSYNC);
        reader.validate();
        return new FileStoreConfig(path, fsync);
    }
}

package dev.mnemo.examples.filestore;

import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.StoreConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the {@code file} tier, read with {@link #from(StoreConfig)} from keys below
 * {@code mnemo.file.}; each is declared once as a {@link ConfigKey} constant below, and listed with
 * the module's other keys in a {@link dev.mnemo.spi.ConfigKeys} ({@link dev.mnemo.examples.ExampleKeys}),
 * so that Mnemo knows them and refuses a typo.
 *
 * @param directory {@link #DIRECTORY}: where the tier keeps its files, created when missing.
 *                  Required: without it the tier is not available
 * @param fsync     {@link #FSYNC}: force each file and its directory to the disk before a write is
 *                  acknowledged, so it survives a power loss, at the cost of two disk flushes per
 *                  write; needs a POSIX file system (Linux, macOS), where a directory can be forced.
 *                  {@code false} survives a crash of the process only. Default {@value #DEFAULT_FSYNC}
 */
public record FileStoreConfig(Path directory, boolean fsync) {

    /** Whether writes are forced to the disk by default. */
    public static final boolean DEFAULT_FSYNC = true;

    /** {@code mnemo.file.directory}: where the tier keeps its files; setting it turns the tier on. */
    public static final ConfigKey<String> DIRECTORY = ConfigKey.string("mnemo.file.directory", null,
            "where the file tier (examples) keeps its files, created when missing; setting it turns the tier on")
            .check(FileStoreConfig::pathProblem).describedDefault("none (tier off)");
    /** {@code mnemo.file.fsync}: whether each write is forced to the disk. */
    public static final ConfigKey<Boolean> FSYNC = ConfigKey.bool("mnemo.file.fsync", DEFAULT_FSYNC,
            "force each file and its directory to the disk before a write is acknowledged (POSIX); false survives"
                    + " a crash of the process only");
    /** The keys of these settings, in the order of the key table. */
    public static final List<ConfigKey<?>> KEYS = List.of(DIRECTORY, FSYNC);

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
        ConfigReader reader = config.reader();
        String directory = reader.get(DIRECTORY);
        if (!reader.isSet(DIRECTORY)) {
            reader.reject(DIRECTORY, "is required: the directory the file tier keeps its files in");
        }
        boolean fsync = reader.get(FSYNC);
        reader.validate();
        return new FileStoreConfig(Path.of(Objects.requireNonNull(directory)), fsync);
    }

    private static @Nullable String pathProblem(String directory) {
        try {
            Path.of(directory);
            return null;
        } catch (InvalidPathException e) {
            return "'" + directory + "' is not a path: " + e.getReason();
        }
    }
}

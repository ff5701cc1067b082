package dev.mnemo.cli;

import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.spi.StoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where a command's Mnemo comes from: the same {@code mnemo.*} keys as any Mnemo, from
 * {@code --set key=value} first, then a properties file ({@code --config}), then system properties
 * and the environment ({@code MNEMO_REDIS_URI}...). An unknown key fails before anything connects.
 */
final class Connection {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "A properties file of mnemo.* keys.")
    @Nullable Path config;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "A mnemo.* key, over the file and the environment.")
    Map<String, String> set = new LinkedHashMap<>();

    /** @return a Mnemo of that configuration; the caller closes it */
    Mnemo open() {
        StoreConfig store = StoreConfig.of(set);
        if (config != null) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(config)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the configuration file " + config, e);
            }
            store = store.orElse(StoreConfig.of(properties));
        }
        store = store.orElse(StoreConfig.environment());
        return Mnemo.builder().config(store).settings(MnemoConfig.from(store)).build();
    }
}

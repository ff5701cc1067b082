package dev.mnemo.examples;

import dev.mnemo.examples.chatbot.BearerTokens;
import dev.mnemo.examples.chatbot.ChatbotSettings;
import dev.mnemo.examples.filestore.FileStoreConfig;
import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigKeys;
import java.util.List;
import java.util.stream.Stream;

/**
 * The keys {@code mnemo-examples} reads: the chatbot backend's ({@code mnemo.chatbot.*}) and the
 * file tier's ({@code mnemo.file.*}). A store plugin of its own registers such a list the same way,
 * in {@code META-INF/services/dev.mnemo.spi.ConfigKeys}, so that Mnemo does not refuse its keys.
 */
public final class ExampleKeys implements ConfigKeys {

    @Override
    public String module() {
        return "mnemo-examples";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return Stream.of(ChatbotSettings.KEYS, BearerTokens.KEYS, FileStoreConfig.KEYS).flatMap(List::stream).toList();
    }
}

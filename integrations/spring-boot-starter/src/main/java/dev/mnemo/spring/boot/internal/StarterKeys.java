package dev.mnemo.spring.boot.internal;

import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigKeys;
import java.util.List;

/** The keys only the Spring Boot starter reads. */
public final class StarterKeys implements ConfigKeys {

    /** {@code mnemo.summary.chat-model}: whether the application's Spring AI model writes the rolling summaries. */
    public static final ConfigKey<Boolean> SUMMARY_CHAT_MODEL = ConfigKey.bool("mnemo.summary.chat-model", false,
            "true: without a Summarizer bean, the starter writes rolling summaries with the application's Spring AI"
                    + " ChatModel (ChatModelSummarizer); off by default, since each summary is a model call");

    @Override
    public String module() {
        return "mnemo-spring-boot-starter";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(SUMMARY_CHAT_MODEL);
    }
}

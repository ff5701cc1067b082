package dev.mnemo.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.api.EncodingType;
import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.spi.TokenCounter;
import org.junit.jupiter.api.Test;

class TokenCountersTest {

    @Test
    void modelsMapToTheirEncodings() {
        assertThat(TokenCounters.encodingOf("gpt-4o-mini")).isEqualTo(EncodingType.O200K_BASE);
        assertThat(TokenCounters.encodingOf("GPT-4o")).isEqualTo(EncodingType.O200K_BASE);
        assertThat(TokenCounters.encodingOf("gpt-4-turbo")).isEqualTo(EncodingType.CL100K_BASE);
        assertThat(TokenCounters.encodingOf("gpt-3.5-turbo")).isEqualTo(EncodingType.CL100K_BASE);
        assertThat(TokenCounters.encodingOf("cl100k_base")).isEqualTo(EncodingType.CL100K_BASE);
        assertThat(TokenCounters.encodingOf("some-local-llama")).isEqualTo(TokenCounters.DEFAULT_ENCODING);
    }

    @Test
    void countsTextAndToolCallsWithSpecialTokensAsText() {
        TokenCounter counter = TokenCounters.forModel("gpt-4o");
        assertThat(counter.encoding()).isEqualTo("o200k_base");
        assertThat(counter.count("Hello, world!")).isEqualTo(4);
        assertThat(counter.count("<|endoftext|>")).isPositive();
        Message call = Message.builder(Role.ASSISTANT).toolCall("c1", "get_weather", "{\"city\":\"Paris\"}").build();
        assertThat(counter.count(call)).isEqualTo(counter.count("get_weather") + counter.count("{\"city\":\"Paris\"}"));
        assertThat(TokenCounters.forModel("gpt-4o")).isSameAs(counter);
    }
}

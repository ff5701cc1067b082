package dev.mnemo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Role;
import dev.mnemo.context.Context;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmbeddedDemoTest {

    @Test
    void demoPrintsTheContextWithTokenCountsOnTheMemoryTier() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Context context = EmbeddedDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(context.tier()).isEqualTo("memory");
        assertThat(context.messages()).hasSize(6);
        assertThat(context.messages()).extracting(m -> m.role()).containsExactly(
                Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT, Role.USER);
        assertThat(context.messages()).allSatisfy(m -> assertThat(m.tokens()).isPositive());
        assertThat(printed).contains("\"tool_call_id\":\"call-1\"").contains("Session ended: true")
                .contains("tokens, served by 'memory'")
                .contains("1 answer(s)").contains("weather-api=1");
    }
}

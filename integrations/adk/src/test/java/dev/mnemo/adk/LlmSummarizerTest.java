package dev.mnemo.adk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.adk.models.LlmRequest;
import com.google.adk.runner.Runner;
import com.google.genai.types.Part;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoException;
import dev.mnemo.SessionId;
import dev.mnemo.Summary;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.summary.SummaryConfig;
import dev.mnemo.summary.SummaryPrompt;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rolling summaries of an ADK agent's sessions written by an ADK model, read back into the session's context. */
class LlmSummarizerTest {

    private final ScriptedLlm summaries = new ScriptedLlm(ScriptedLlm.answer("Ada asked for the weather in Paris: 21 degrees."));
    private final Mnemo mnemo = Mnemo.builder().ephemeral()
            .summarizer(LlmSummarizer.of(summaries, SummaryPrompt.of(SummaryPrompt.DEFAULT_INSTRUCTIONS, 120)))
            .summaryConfig(SummaryConfig.builder().everyMessages(0).everyTokens(0).keepRecent(1).build()).build();

    @AfterEach
    void close() {
        mnemo.close();
    }

    @Test
    void theModelsSummaryReachesTheSessionsContextAndAFailedOneKeepsTheLast() {
        ScriptedLlm agentModel = new ScriptedLlm(ScriptedLlm.callTool("get_weather", Map.of("city", "Paris")),
                ScriptedLlm.answer("It is 21 degrees in Paris."), ScriptedLlm.answer("Still 21."));
        MnemoSessionService sessions = MnemoSessionService.create(mnemo);
        Runner runner = AdkRunnerTest.runner(AdkRunnerTest.agent(agentModel), sessions);
        sessions.createSession("weather_app", "ada", null, "trip").blockingGet();
        AdkRunnerTest.run(runner, "ada", "trip", "Weather in Paris?");
        SessionId session = AdkIds.sessionId("trip");

        Summary summary = mnemo.blocking().summarize(session).orElseThrow();

        assertThat(summary.text()).isEqualTo("Ada asked for the weather in Paris: 21 degrees.");
        assertThat(mnemo.blocking().context(session, ContextPolicy.summary().then(ContextPolicy.lastMessages(10)))
                .summary()).contains(summary);
        LlmRequest asked = summaries.requests.get(0);
        assertThat(asked.config().orElseThrow().maxOutputTokens()).contains(120);
        assertThat(asked.config().orElseThrow().systemInstruction().orElseThrow().parts().orElseThrow())
                .extracting(part -> part.text().orElse("")).singleElement().asString().contains("tool call still waiting");
        assertThat(asked.contents().get(0).parts().orElseThrow()).extracting(Part::text).singleElement()
                .asString().contains("user: Weather in Paris?", "get_weather");

        AdkRunnerTest.run(runner, "ada", "trip", "And now?");
        assertThatThrownBy(() -> mnemo.blocking().summarize(session)).as("the summary model has no answer left")
                .isInstanceOf(MnemoException.class);
        assertThat(mnemo.blocking().summary(session).value()).contains(summary);
    }
}

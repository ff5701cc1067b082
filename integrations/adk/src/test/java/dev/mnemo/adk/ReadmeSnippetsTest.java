package dev.mnemo.adk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.adk.artifacts.InMemoryArtifactService;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoHealth;
import dev.mnemo.testkit.Snippets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The READMEs' ADK snippet is the code of {@link ReadmeSnippets}, and it runs. */
class ReadmeSnippetsTest {

    @Test
    void everySnippetOfTheReadmesIsCompiledCode() {
        Snippets.assertAdapterReadmes(ReadmeSnippets.class, "Using Mnemo with Google ADK");
    }

    @Test
    void theProductionSetUpRuns() {
        ScriptedLlm model = new ScriptedLlm(ScriptedLlm.callTool("get_weather", Map.of("city", "Oslo")),
                ScriptedLlm.answer("It is cold in Oslo."));
        ReadmeSnippets.Production production = ReadmeSnippets.production(AdkRunnerTest.agent(model),
                new ScriptedLlm(), new InMemoryArtifactService());
        try (Mnemo mnemo = production.mnemo()) {
            assertThat(production.status()).isNotEqualTo(MnemoHealth.Status.DOWN);
            production.runner().sessionService().createSession("weather_app", "ada", null, "trip").blockingGet();
            AdkRunnerTest.run(production.runner(), "ada", "trip", "Weather in Oslo?");
            assertThat(mnemo.blocking().messagesAfter(AdkIds.sessionId("trip"), null, 10).value()).hasSize(4);
        }
    }
}

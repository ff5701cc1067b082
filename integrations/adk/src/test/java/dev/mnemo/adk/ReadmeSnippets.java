package dev.mnemo.adk;

import com.google.adk.agents.BaseAgent;
import com.google.adk.artifacts.BaseArtifactService;
import com.google.adk.models.BaseLlm;
import com.google.adk.runner.Runner;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoHealth;
import dev.mnemo.adk.LlmSummarizer;
import dev.mnemo.adk.MnemoSessionService;

/**
 * The Java snippet of the READMEs (this module's and the main README's ADK section), as code the
 * build compiles; {@link ReadmeSnippetsTest} holds the READMEs to it and runs it.
 */
final class ReadmeSnippets {

    record Production(Mnemo mnemo, Runner runner, MnemoHealth.Status status) {
    }

    private ReadmeSnippets() {
    }

    static Production production(BaseAgent agent, BaseLlm summaryModel, BaseArtifactService artifacts) {
        Mnemo mnemo = Mnemo.builder().summarizer(LlmSummarizer.of(summaryModel)).build();
        Runner runner = Runner.builder().agent(agent).appName("weather_app").artifactService(artifacts)
                .sessionService(MnemoSessionService.create(mnemo)).build();
        MnemoHealth.Status status = mnemo.blocking().health().status(); // take the instance out only on DOWN
        return new Production(mnemo, runner, status);
    }
}

package dev.mnemo.examples;

import dev.mnemo.AppendResult;
import dev.mnemo.analytics.InMemoryAnalyticsSink;
import dev.mnemo.analytics.SessionAnalytics;
import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.Role;
import dev.mnemo.SessionId;
import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.spi.AnalyticsBatch;
import java.io.PrintStream;
import java.util.List;

/**
 * Mnemo on the embedded default, with no server: opens a session, appends a short conversation
 * with a tool call and its result, prints the context for the LLM with its token counts, ends
 * the session, and prints the analytics batch its end wrote.
 */
public final class EmbeddedDemo {

    private EmbeddedDemo() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Runs the demo.
     *
     * @param out where to print
     * @return the context it printed
     */
    public static Context run(PrintStream out) {
        InMemoryAnalyticsSink sink = new InMemoryAnalyticsSink();
        try (Mnemo mnemo = Mnemo.builder().listener(SessionAnalytics.builder().sink(sink).build()).build()) {
            BlockingMnemo memory = mnemo.blocking();
            SessionId id = SessionId.of("demo-session");
            memory.openSession(id, "demo-user");

            AppendResult appended = memory.append(id,
                    Message.system("You are a helpful travel assistant."),
                    Message.user("What's the weather in Paris today?"),
                    Message.builder(Role.ASSISTANT)
                            .toolCall("call-1", "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}")
                            .build(),
                    Message.tool("call-1", "{\"city\":\"Paris\",\"temperature\":18,\"sky\":\"light rain\"}"),
                    Message.builder(Role.ASSISTANT).content("It's 18 °C in Paris with light rain: take an umbrella.")
                            .metadata("confidence", 0.92).metadata("sources", List.of("weather-api"))
                            .metadata("model", "gpt-4o").build(),
                    Message.user("Thanks! And tomorrow?"));
            out.printf("Appended %d messages to %s on the '%s' tier (%d tokens in all)%n%n",
                    appended.appended(), id, appended.tier(), appended.tokenCount());

            Context context = memory.context(id, ContextPolicy.lastMessages(20));
            for (Message message : context.messages()) {
                String text = message.toolCalls().isEmpty() ? message.content()
                        : "calls " + message.toolCalls().get(0).name() + message.toolCalls().get(0).arguments();
                out.printf("%-9s %3d tokens  %s%n", message.role(), message.tokens(), text);
            }
            out.printf("%nContext: %d messages, %d tokens, served by '%s'%n", context.messages().size(),
                    context.tokens(), context.tier());
            out.println("As OpenAI chat-completions messages:");
            out.println(context.toOpenAiJson());

            out.printf("%nSession ended: %s%n", memory.endSession(id));
            AnalyticsBatch batch = awaitBatch(sink);
            out.printf("Analytics batch %s: %d answer(s), %d tokens out, sources %s%n", batch.id(),
                    batch.answerCount(), batch.tokensOut(), batch.sourceUsage());
            return context;
        }
    }

    /** The batch is written in the background after the end claim; the demo waits for it, up to 10 s. */
    private static AnalyticsBatch awaitBatch(InMemoryAnalyticsSink sink) {
        for (int attempt = 0; attempt < 200 && sink.batches().isEmpty(); attempt++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (sink.batches().isEmpty()) {
            throw new IllegalStateException("The analytics batch was not written within 10 s");
        }
        return sink.batches().get(0);
    }
}

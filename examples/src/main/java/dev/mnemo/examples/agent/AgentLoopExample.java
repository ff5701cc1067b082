package dev.mnemo.examples.agent;

import dev.mnemo.BlockingMnemo;
import dev.mnemo.Mnemo;
import dev.mnemo.SessionId;
import dev.mnemo.State;
import dev.mnemo.Summary;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.context.PendingToolCall;
import dev.mnemo.context.PendingToolCalls;
import dev.mnemo.context.ToolResultCompaction;
import dev.mnemo.examples.llm.ChatModel;
import dev.mnemo.summary.SummaryConfig;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * An agent loop on the embedded default (the memory tier, no server), with a scripted model,
 * offline. Four runs, each a fresh {@link Agent} that keeps nothing itself:
 * <ol>
 *   <li>session {@code agent-7}: the user asks for a summary of a file (a tool call and its
 *       result), then to delete it; the delete waits for confirmation, saved in the session's
 *       state before the run returns. Between runs the old messages are folded into the
 *       rolling summary;</li>
 *   <li>{@code agent-7} again: "yes" runs the saved call; history and state carried over;</li>
 *   <li>session {@code agent-8}: knows nothing of the other session;</li>
 *   <li>{@code agent-7}: recalls the delete from its context: the summary, then the later
 *       messages, the old file content compacted to a one-line reference.</li>
 * </ol>
 * <p>Summaries run here when asked ({@link BlockingMnemo#summarize}), between runs, so that the
 * output is the same every time; a server sets {@code everyMessages} and lets them run in the
 * background after appends.
 * <p>Run it with
 * <pre>{@code
 * mvn -q install -DskipTests -pl examples -am && \
 *   mvn -q -pl examples exec:java -Dexec.mainClass=dev.mnemo.examples.agent.AgentLoopExample
 * }</pre>
 */
public final class AgentLoopExample {

    /** The context policy of every model call: summary, compaction of old reads, a token budget. */
    static final ContextPolicy POLICY = ContextPolicy.lastMessages(40)
            .then(ContextPolicy.summary())
            .then(ToolResultCompaction.builder()
                    .rule("read_file", "File content from {file_path}. Re-read if needed.")
                    .keepTurns(1).build())
            .then(ContextPolicy.tokenBudget(2_000));

    private static final String NOTES = """
            Buy milk.
            Call the plumber on Tuesday about the leak under the kitchen sink.
            Renew the car insurance before the 14th; compare at least three quotes.
            Book the dentist for the kids, mornings only.
            Return the library books: two are already a week late.
            """;

    private AgentLoopExample() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * What the runs showed.
     *
     * @param summarized       run 1's first reply: what the file says
     * @param first            run 1's last reply: the confirmation question
     * @param savedAfterFirst  the pending calls in agent-7's state when run 1 had returned
     * @param confirmed        run 2's reply
     * @param stateAfterSecond agent-7's state after run 2
     * @param stranger         run 3's reply, in agent-8
     * @param strangerState    agent-8's state
     * @param recalled         run 4's reply
     * @param summary          agent-7's rolling summary at the end
     */
    public record Outcome(Agent.Reply summarized, Agent.Reply first, List<PendingToolCall> savedAfterFirst, Agent.Reply confirmed,
                          State stateAfterSecond, Agent.Reply stranger, State strangerState, Agent.Reply recalled,
                          Optional<Summary> summary) {
    }

    /**
     * Runs the four runs.
     *
     * @param out where to print
     * @return what they showed
     */
    public static Outcome run(PrintStream out) {
        try (Mnemo mnemo = Mnemo.builder()
                .summarizer(new LlmSummarizer(prompt -> CompletableFuture.completedFuture(offlineModel(prompt))))
                .summaryConfig(SummaryConfig.builder().everyMessages(0).everyTokens(0).keepRecent(4).build())
                .build()) {
            BlockingMnemo memory = mnemo.blocking();
            FileTools files = new FileTools(Map.of("notes.txt", NOTES));
            ContextPolicy policy = POLICY.withToolDefinitions(mnemo.tokenCounter().count(FileTools.DEFINITIONS));
            ChatModel model = new ScriptedLlm(); // the model is a service; each run's agent is new
            Runs runs = new Runs(memory, model, files, policy, out);
            SessionId agent7 = SessionId.of("agent-7");
            SessionId agent8 = SessionId.of("agent-8");

            out.println("== run 1, " + agent7);
            Agent.Reply summarized = say(runs, agent7, "Summarize notes.txt");
            Agent.Reply first = say(runs, agent7, "Delete notes.txt");
            List<PendingToolCall> saved = PendingToolCalls.in(memory.state(agent7).value());
            out.println("   saved for confirmation: " + saved.stream().map(p -> p.call().name())
                    .collect(Collectors.joining(", ")));
            out.println("   summary so far: " + memory.summarize(agent7).map(Summary::text).orElse("(none)"));

            out.println("== run 2, " + agent7 + ", a fresh agent");
            Agent.Reply confirmed = say(runs, agent7, "yes");
            State state = memory.state(agent7).value();
            out.println("   notes.txt exists: " + files.exists("notes.txt") + "; files read: "
                    + state.get(Agent.FILES_READ).orElse(0) + "; messages: "
                    + memory.getSession(agent7).value().orElseThrow().messageCount());

            out.println("== run 3, " + agent8);
            Agent.Reply stranger = say(runs, agent8, "What did I ask you to delete?");
            State strangerState = memory.state(agent8).value();

            out.println("== run 4, " + agent7);
            Agent.Reply recalled = say(runs, agent7, "What did I ask you to delete?");
            out.println("   context sent (" + recalled.context().tokens() + " tokens of a "
                    + recalled.context().totals().budget().orElse(0) + " budget):");
            recalled.context().toText().lines().forEach(line -> out.println("     " + line));

            Optional<Summary> summary = memory.summarize(agent7);
            out.println("== rolling summary of " + agent7 + " at the end:");
            summary.map(Summary::text).orElse("(none)").lines().forEach(line -> out.println("     " + line));
            return new Outcome(summarized, first, saved, confirmed, state, stranger, strangerState, recalled, summary);
        }
    }

    /** What every run shares: the memory, the model, the tools, the policy and the output. */
    private record Runs(BlockingMnemo memory, ChatModel model, FileTools files, ContextPolicy policy, PrintStream out) {
    }

    private static Agent.Reply say(Runs runs, SessionId id, String input) {
        Agent agent = new Agent(runs.memory(), runs.model(), runs.files(), runs.policy());
        PrintStream out = runs.out();
        out.println("   user:  " + input);
        Agent.Reply reply = agent.run(id, "ada", input);
        out.println("   agent: " + reply.text());
        return reply;
    }

    /**
     * The fake model behind {@link LlmSummarizer}: it keeps the user's requests and the tool
     * calls of the prompt's new messages, after the summary so far. A real one is an HTTP call.
     */
    static String offlineModel(String prompt) {
        String sofar = prompt.substring(prompt.indexOf("Summary so far:\n") + 16, prompt.indexOf("\n\nNew messages:"));
        String fresh = prompt.substring(prompt.indexOf("New messages:\n") + 14).lines()
                .filter(line -> line.startsWith("user: ") || line.contains("[calls "))
                .map(line -> line.startsWith("user: ") ? "The user asked: " + line.substring(6)
                        : "The assistant called " + line.substring(line.indexOf(" [calls ") + 8, line.lastIndexOf(']')))
                .collect(Collectors.joining("\n"));
        String summary = sofar.equals("(none)") ? fresh : fresh.isEmpty() ? sofar : sofar + "\n" + fresh;
        return summary.isBlank() ? "Nothing to note yet." : summary;
    }
}

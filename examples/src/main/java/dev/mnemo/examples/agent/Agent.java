package dev.mnemo.examples.agent;

import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.StateDelta;
import dev.mnemo.ToolCall;
import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.context.PendingToolCall;
import dev.mnemo.context.PendingToolCalls;
import dev.mnemo.examples.llm.ChatModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One agent run per user input: it keeps nothing between runs itself; history, state and the
 * tool calls waiting for confirmation all live in Mnemo, under the session id.
 */
final class Agent {

    static final String SYSTEM_PROMPT = "You are a careful file assistant. Ask before deleting anything.";
    static final String FILES_READ = "files_read";
    private static final int MAX_STEPS = 8;

    /**
     * What a run ended with.
     *
     * @param text     the answer, or the question put to the user
     * @param awaiting the tool calls saved for confirmation, empty when the run answered
     * @param context  the last context sent to the model
     */
    record Reply(String text, List<PendingToolCall> awaiting, Context context) {
    }

    private final BlockingMnemo memory;
    private final ChatModel model;
    private final FileTools tools;
    private final ContextPolicy policy;

    Agent(BlockingMnemo memory, ChatModel model, FileTools tools, ContextPolicy policy) {
        this.memory = memory;
        this.model = model;
        this.tools = tools;
        this.policy = policy;
    }

    /**
     * @param id     the session: the same id resumes it, a new one starts afresh
     * @param userId the user
     * @param input  what the user said; while calls wait for confirmation, "yes" confirms them
     * @return the reply
     */
    Reply run(SessionId id, String userId, String input) {
        Session session = memory.openSession(id, userId); // get-or-create
        if (session.messageCount() == 0) {
            memory.append(id, Message.system(SYSTEM_PROMPT)); // pinned by Mnemo as the system prompt
        }
        List<PendingToolCall> pending = PendingToolCalls.in(memory.state(id).value());
        if (pending.isEmpty()) {
            memory.append(id, Message.user(input));
        } else {
            boolean confirmed = input.strip().equalsIgnoreCase("yes");
            for (PendingToolCall waiting : pending) {
                memory.append(id, Message.tool(waiting.call().id(),
                        confirmed ? tools.run(waiting.call()) : "The user declined; nothing was done."));
            }
            memory.updateState(id, PendingToolCalls.resolve(pending.stream().map(p -> p.call().id())
                    .toArray(String[]::new)));
        }
        return loop(id);
    }

    private Reply loop(SessionId id) {
        for (int step = 0; step < MAX_STEPS; step++) {
            Context context = memory.context(id, policy);
            Message answer = model.reply(context);
            memory.append(id, answer);
            if (answer.toolCalls().isEmpty()) {
                return new Reply(answer.content(), List.of(), context);
            }
            List<PendingToolCall> waiting = new ArrayList<>();
            for (ToolCall call : answer.toolCalls()) {
                if (tools.needsConfirmation(call)) {
                    waiting.add(new PendingToolCall(call, "needs confirmation", Instant.now()));
                } else {
                    memory.append(id, Message.tool(call.id(), tools.run(call)));
                    countRead(id);
                }
            }
            if (!waiting.isEmpty()) {
                // Saved before the run returns: the next run, in this process or another, finds them.
                memory.updateState(id, PendingToolCalls.add(waiting.toArray(PendingToolCall[]::new)));
                return new Reply("Please confirm: " + waiting.get(0).call().name() + " "
                        + waiting.get(0).call().arguments() + " (yes/no)", waiting, context);
            }
        }
        throw new IllegalStateException("No answer after " + MAX_STEPS + " steps in session " + id);
    }

    private void countRead(SessionId id) {
        int read = memory.state(id).value().get(FILES_READ, Integer.class).orElse(0);
        memory.updateState(id, StateDelta.set(FILES_READ, read + 1));
    }
}

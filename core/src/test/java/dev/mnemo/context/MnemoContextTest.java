package dev.mnemo.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.AppendResult;
import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.SessionId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MnemoContextTest {

    private final CountingStore store = new CountingStore();
    private final Mnemo mnemo = Mnemo.builder().tiers(store).build();
    private final BlockingMnemo memory = mnemo.blocking();
    private final SessionId id = SessionId.of("chat-1");

    @AfterEach
    void close() {
        mnemo.close();
    }

    @Test
    void aContextReadsOnlyItsWindowWhateverTheTranscriptLength() {
        memory.openSession(id, "u1");
        memory.append(id, Message.system("You are terse."));
        for (int batch = 0; batch < 10; batch++) {
            List<Message> messages = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                messages.add(i % 2 == 0 ? Message.user("question " + i) : Message.assistant("answer " + i));
            }
            memory.append(id, messages);
        }
        ContextPolicy policy = ContextPolicy.lastMessages(20).then(ContextPolicy.summary())
                .then(ContextPolicy.tokenBudget(4_000));
        store.reset();

        Context context = memory.context(id, policy);

        assertThat(context.messages()).hasSize(20);
        assertThat(context.systemPrompt().map(Message::content)).contains("You are terse.");
        assertThat(store.windowReads).hasValue(1);
        assertThat(store.messagesRead).hasValue(20);
        assertThat(store.stateReads).hasValue(1);
        assertThat(store.pageReads).hasValue(0);
    }

    @Test
    void aPolicyThatDoesNotKeepTheSystemPromptReadsNoState() {
        memory.openSession(id, "u1");
        memory.append(id, Message.system("You are terse."), Message.user("Hi"));
        store.reset();

        Context context = memory.context(id, ContextPolicy.lastMessages(5));

        assertThat(store.stateReads).hasValue(0);
        assertThat(context.systemPrompt()).isEmpty();
        assertThat(context.messages()).hasSize(2);
    }

    @Test
    void theFirstSystemMessageIsPinnedWhenAppendedAndKeptFarBeyondTheWindow() {
        memory.openSession(id, "u1");
        Message prompt = Message.system("You are a pirate.");
        AppendResult appended = memory.append(id, prompt, Message.user("Ahoy"));
        memory.append(id, Message.system("Also be brief."));
        for (int i = 0; i < 30; i++) {
            memory.append(id, Message.user("q" + i), Message.assistant("a" + i));
        }

        Context context = memory.context(id, ContextPolicy.lastMessages(4).then(ContextPolicy.systemPrompt()));

        assertThat(context.systemPrompt()).contains(appended.messages().get(0));
        assertThat(context.messages()).extracting(Message::content).containsExactly("q28", "a28", "q29", "a29");
        assertThat(context.prompt().get(0).content()).isEqualTo("You are a pirate.");
        assertThat(SystemPrompt.in(memory.state(id).value())).contains(appended.messages().get(0));
    }

    @Test
    void aSessionWithoutASystemMessageHasNoSystemPrompt() {
        memory.openSession(id, "u1");
        memory.append(id, Message.user("Hi"));

        Context context = memory.context(id, ContextPolicy.tokenBudget(100));

        assertThat(context.systemPrompt()).isEmpty();
        assertThat(context.messages()).hasSize(1);
        assertThat(context.tokens()).isEqualTo(context.messages().get(0).tokens() + TokenOverhead.DEFAULT_PER_MESSAGE
                + TokenOverhead.DEFAULT_REPLY_PRIMING);
    }
}

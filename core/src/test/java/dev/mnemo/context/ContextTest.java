package dev.mnemo.context;

import static dev.mnemo.context.Drafts.assemble;
import static dev.mnemo.context.Drafts.assistant;
import static dev.mnemo.context.Drafts.call;
import static dev.mnemo.context.Drafts.result;
import static dev.mnemo.context.Drafts.system;
import static dev.mnemo.context.Drafts.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.Summary;
import dev.mnemo.JsonCodec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContextTest {

    private final Message prompt = system("You are terse.", 5);
    private final Message u1 = user("Hi", 1);
    private final Message a1 = assistant("Hello.", 2);
    private final Message ask = user("Read a.txt", 4);
    private final Message readCall = call("c1", "read_file", "{\"file_path\":\"a.txt\"}", 12);
    private final Message readResult = result("c1", "alpha", 1);
    private final List<Message> conversation = List.of(prompt, u1, a1, ask, readCall, readResult);
    private final Summary summary = new Summary("They greeted each other.", a1.id(), 6, 2);
    private final ContextPolicy policy = ContextPolicy.systemPrompt().then(ContextPolicy.summary());

    @Test
    void theSummaryComesFirstThenOnlyTheMessagesAfterWhatItCovers() {
        Context context = assemble(policy, conversation, Optional.of(summary), Optional.of(prompt));

        assertThat(context.systemPrompt()).contains(prompt);
        assertThat(context.summary()).contains(summary);
        assertThat(context.messages()).containsExactly(ask, readCall, readResult);
        assertThat(context.prompt()).hasSize(5);
        assertThat(context.prompt().get(1).role()).isEqualTo(Role.SYSTEM);
        assertThat(context.prompt().get(1).content()).isEqualTo(Context.SUMMARY_HEADING + summary.text());
    }

    @Test
    void withoutASummaryStageTheSummaryIsNotSent() {
        Context context = assemble(ContextPolicy.lastMessages(10), conversation, Optional.of(summary), Optional.empty());

        assertThat(context.summary()).isEmpty();
        assertThat(context.messages()).isEqualTo(conversation);
    }

    @Test
    void whenTheSummaryCoversTheCallButNotItsResultThenTheOrphanResultIsLeftOut() {
        Summary coversCall = new Summary("...", readCall.id(), 1, 3);

        Context context = assemble(ContextPolicy.summary(), conversation, Optional.of(coversCall), Optional.empty());

        assertThat(context.messages()).isEmpty();
    }

    @Test
    void theOpenAiFormHasRolesToolCallsAndToolCallIds() {
        JsonNode json = JsonCodec.read("test", assemble(policy, conversation, Optional.of(summary), Optional.of(prompt))
                .toOpenAiJson(), JsonNode.class);

        assertThat(json).hasSize(5);
        assertThat(json.get(0).get("role").asText()).isEqualTo("system");
        assertThat(json.get(0).get("content").asText()).isEqualTo("You are terse.");
        assertThat(json.get(1).get("content").asText()).startsWith(Context.SUMMARY_HEADING);
        assertThat(json.get(2).get("role").asText()).isEqualTo("user");
        JsonNode callNode = json.get(3);
        assertThat(callNode.get("role").asText()).isEqualTo("assistant");
        assertThat(callNode.get("content").isNull()).isTrue();
        assertThat(callNode.at("/tool_calls/0/id").asText()).isEqualTo("c1");
        assertThat(callNode.at("/tool_calls/0/type").asText()).isEqualTo("function");
        assertThat(callNode.at("/tool_calls/0/function/name").asText()).isEqualTo("read_file");
        assertThat(callNode.at("/tool_calls/0/function/arguments").asText()).isEqualTo("{\"file_path\":\"a.txt\"}");
        assertThat(json.get(4).get("role").asText()).isEqualTo("tool");
        assertThat(json.get(4).get("tool_call_id").asText()).isEqualTo("c1");
    }

    @Test
    void theTextFormHasOneBlockPerMessage() {
        String text = assemble(policy, conversation, Optional.of(summary), Optional.of(prompt)).toText();

        assertThat(text).isEqualTo(String.join("\n",
                "system: You are terse.",
                "system: " + Context.SUMMARY_HEADING + "They greeted each other.",
                "user: Read a.txt",
                "assistant: ",
                "  -> read_file({\"file_path\":\"a.txt\"}) [c1]",
                "tool[c1]: alpha"));
    }

    @Test
    void theSummaryMessageIdIsStableAndNoStoredMessagesId() {
        Context context = assemble(policy, conversation, Optional.of(summary), Optional.of(prompt));

        assertThat(context.prompt().get(1).id()).isEqualTo(context.prompt().get(1).id())
                .isNotIn(conversation.stream().map(Message::id).toList());
        assertThat(context.prompt().get(1).tokens()).isEqualTo(context.totals().summary());
    }
}

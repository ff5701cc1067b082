package dev.mnemo.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.ToolCall;
import dev.mnemo.JsonCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Maps LangChain4j chat messages to Mnemo messages and back; a message read back equals the one
 * mapped, but for the ids given to tool calls and results that had none (see below).
 *
 * <p>Mnemo's own fields hold what chat APIs read: SYSTEM, USER (with its {@code name}), ASSISTANT
 * (text and {@link ToolCall}s) and TOOL (the call id and, as {@code name}, the tool name). The rest
 * is kept under the metadata key {@value #METADATA_KEY}, in the JSON of LangChain4j's own
 * {@link ChatMessageSerializer}: non-text contents (image, audio, video, PDF, by URL or inline
 * base64; the {@code content} shows {@code [image]} and such in their place), {@code attributes},
 * an AI message's {@code thinking}, a tool result's {@code isError}. So nothing is dropped, but
 * attribute values come back as JSON types (map, list, string, number, boolean), as with
 * LangChain4j's own stores; large inline data counts against a tier's document size.
 *
 * <p>Tool calls: a call id outside Mnemo's characters ({@code [A-Za-z0-9._:-]}, which OpenAI's and
 * Anthropic's ids are in) is stored as a readable prefix and digest and read back as given;
 * arguments that are not JSON are stored as {@code {}} and read back as given. A call without an id
 * gets {@code call-<assistant message id>-<index>}; a result without an id takes the id of the call
 * it answers: the first call of the latest assistant tool-call message that has no result yet, of
 * its tool name when there is one. Those two come back with the ids given, so that they still pair.
 * A {@code CustomMessage} has no chat role and is refused.
 */
public final class MessageMapping {

    /** The metadata key of the parts of a LangChain4j message that Mnemo's fields do not hold. */
    public static final String METADATA_KEY = "langchain4j";

    /** The content of a message with no text to show, such as an AI message whose text is blank. */
    private static final String EMPTY = "[empty]";

    private MessageMapping() {
    }

    /**
     * @param message a LangChain4j message; a tool result without an id is mapped as if its call were unknown
     * @return it as a new Mnemo message; see the class comment
     */
    public static Message toMnemo(ChatMessage message) {
        return toMnemo(List.of(message), List::of).get(0);
    }

    /**
     * @param messages the messages, in order
     * @param stored   the session's latest stored messages, oldest first; asked for at most once,
     *                 when a tool result without an id does not follow its call in {@code messages}
     * @return the messages as new Mnemo messages, in the same order
     */
    public static List<Message> toMnemo(List<? extends ChatMessage> messages, Supplier<List<Message>> stored) {
        return toMnemo(messages, stored, position -> Message.newId());
    }

    /**
     * @param messages the messages, in order
     * @param stored   as in {@link #toMnemo(List, Supplier)}
     * @param ids      the id of the message at each position of {@code messages}, such as ids derived
     *                 from the position so that an import maps a conversation the same in every run
     * @return the messages as Mnemo messages, in the same order, with those ids
     */
    public static List<Message> toMnemo(List<? extends ChatMessage> messages, Supplier<List<Message>> stored,
                                        IntFunction<UUID> ids) {
        List<Message> mapped = new ArrayList<>(messages.size());
        List<Message> storedOnce = null;
        for (ChatMessage message : messages) {
            List<Message> recent = mapped;
            if (message instanceof ToolExecutionResultMessage result && ToolCalls.needsOlder(result.id(), mapped)) {
                storedOnce = storedOnce != null ? storedOnce : stored.get();
                recent = new ArrayList<>(storedOnce);
                recent.addAll(mapped);
            }
            mapped.add(map(message, recent, ids.apply(mapped.size())));
        }
        return mapped;
    }

    /**
     * @param messages the messages, in order
     * @return whether mapping them needs the session's stored messages: a tool result without an id
     *         comes before any tool call in {@code messages}, so its call is among those stored
     */
    public static boolean needsStored(List<? extends ChatMessage> messages) {
        for (ChatMessage message : messages) {
            if (message instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
                return false;
            }
            if (message instanceof ToolExecutionResultMessage result && ToolCalls.needsOlder(result.id(), List.of())) {
                return true;
            }
        }
        return false;
    }

    private static Message map(ChatMessage message, List<Message> recent, UUID id) {
        if (message instanceof SystemMessage system) {
            return new Message(id, Role.SYSTEM, system.text(), null, List.of(), null, null, Instant.now(), 0);
        }
        Map<String, Object> extra = json(ChatMessageSerializer.messageToJson(message));
        extra.remove("type");
        if (extra.get("attributes") instanceof Map<?, ?> attributes && attributes.isEmpty()) {
            extra.remove("attributes");
        }
        if (message instanceof UserMessage user) {
            extra.remove("name");
            return build(id, Role.USER, contents(user.contents(), extra), user.name(), List.of(), null, extra);
        } else if (message instanceof AiMessage ai) {
            extra.remove("toolExecutionRequests");
            List<ToolCall> calls = ToolCalls.toMnemo(id, ai.toolExecutionRequests(), extra);
            String text = ai.text();
            boolean shown = text != null && !text.isBlank();
            if (shown) {
                extra.remove("text");
            } else if (text != null || calls.isEmpty()) {
                extra.put("text", text); // blank, or null without calls: the content cannot show it
            }
            return build(id, Role.ASSISTANT, shown ? text : calls.isEmpty() ? EMPTY : "", null, calls, null, extra);
        } else if (message instanceof ToolExecutionResultMessage result) {
            extra.remove("toolName");
            String callId = ToolCalls.resultId(result.id(), id, recent, result.toolName());
            if (callId.equals(result.id())) {
                extra.remove("id");
            }
            return build(id, Role.TOOL, contents(result.contents(), extra), result.toolName(), List.of(), callId, extra);
        }
        throw new IllegalArgumentException("Mnemo stores system, user, AI and tool result messages, not "
                + message.type() + ": it has no chat-completions role");
    }

    private static Message build(UUID id, Role role, String content, String name, List<ToolCall> calls,
                                 String toolCallId, Map<String, Object> extra) {
        Map<String, Object> metadata = extra.isEmpty() ? Map.of() : Map.of(METADATA_KEY, extra);
        return new Message(id, role, content, name, calls, toolCallId, metadata, Instant.now(), 0);
    }

    /** The text of {@code contents}; they stay in {@code extra} unless that text is all of them. */
    private static String contents(List<Content> contents, Map<String, Object> extra) {
        if (contents.size() == 1 && contents.get(0) instanceof TextContent text && !text.text().isBlank()) {
            extra.remove("contents");
            return text.text();
        }
        String shown = contents.stream().map(content -> content instanceof TextContent text ? text.text()
                : "[" + content.type().name().toLowerCase(Locale.ROOT) + "]").collect(Collectors.joining("\n"));
        return shown.isBlank() ? EMPTY : shown;
    }

    /**
     * @param message a Mnemo message, such as one of a {@code Context}
     * @return it as a LangChain4j message; see the class comment
     * @throws InvalidInputException when its {@value #METADATA_KEY} metadata cannot be read back
     */
    public static ChatMessage toLangChain4j(Message message) {
        if (message.role() == Role.SYSTEM) {
            return SystemMessage.from(message.content());
        }
        Map<String, Object> json = new LinkedHashMap<>(extra(message));
        List<Map<String, Object>> text = List.of(Map.of("type", "TEXT", "text", message.content()));
        switch (message.role()) {
            case USER -> {
                json.put("type", "USER");
                json.put("name", message.name());
                json.putIfAbsent("contents", text);
            }
            case ASSISTANT -> {
                json.put("type", "AI");
                if (!json.containsKey("text")) {
                    json.put("text", message.content().isEmpty() ? null : message.content());
                }
                json.put("toolExecutionRequests", ToolCalls.toLangChain4j(message.toolCalls(), json));
            }
            default -> {
                json.put("type", "TOOL_EXECUTION_RESULT");
                json.putIfAbsent("id", message.toolCallId());
                json.put("toolName", message.name());
                json.putIfAbsent("contents", text);
            }
        }
        try {
            return ChatMessageDeserializer.messageFromJson(JsonCodec.write(json));
        } catch (RuntimeException e) {
            throw new InvalidInputException("Message " + message.id() + " cannot be read as a LangChain4j message: "
                    + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return JsonCodec.read("a LangChain4j message", text, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> extra(Message message) {
        Object extra = message.metadata().get(METADATA_KEY);
        return extra instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}

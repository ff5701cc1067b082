package dev.mnemo.springai;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Role;
import dev.mnemo.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.MediaContent;

/**
 * Maps Spring AI messages to Mnemo messages and back, keeping what each side carries:
 *
 * <ul>
 *   <li>{@link SystemMessage}, {@link UserMessage}, {@link AssistantMessage} → one Mnemo message of
 *       the same role; the metadata map is kept (see below), and so is the media of user and
 *       assistant messages (as JSON metadata, restored as {@code Media});</li>
 *   <li>an assistant's {@link AssistantMessage.ToolCall}s → Mnemo {@link ToolCall}s (id, name,
 *       arguments; a blank arguments text is stored as {@code {}}), their {@code type} restored
 *       ({@code function} unless stored otherwise);</li>
 *   <li>a {@link ToolResponseMessage} with n responses → n Mnemo TOOL messages, each with the
 *       response's id as its {@code toolCallId}, its name and data, and the message's metadata;
 *       on the way back, consecutive TOOL messages become one {@code ToolResponseMessage} again,
 *       with the metadata of the first.</li>
 * </ul>
 *
 * <p>Metadata values are stored as JSON (a bean becomes a map); Spring AI's {@code messageType}
 * entry is not stored, every message adds it back. The mapping writes its own entries under keys
 * starting with {@code spring-ai.} and removes them on the way back. Mnemo needs text on every
 * message but an assistant's tool call, so a blank text (an image-only user message, an empty
 * answer or tool result) is stored as {@value #NO_TEXT} with the original text kept beside it,
 * and restored exactly.
 */
public final class MessageMapper {

    /** The content stored for a message whose text is blank or missing, where Mnemo needs text. */
    public static final String NO_TEXT = "[no text]";

    private static final String FUNCTION = "function";

    private MessageMapper() {
    }

    /**
     * @param messages Spring AI messages, in order
     * @return the Mnemo messages to append, in order, each with a new id
     * @throws InvalidInputException for a TOOL message that is not a {@link ToolResponseMessage},
     *                               or parts Mnemo refuses (such as a tool call without an id)
     */
    public static List<dev.mnemo.Message> toMnemo(List<? extends Message> messages) {
        List<dev.mnemo.Message> mapped = new ArrayList<>(messages.size());
        for (Message message : messages) {
            mapped.addAll(parts(message));
        }
        return mapped;
    }

    /**
     * @param messages Spring AI messages, in order
     * @param ids      the id of each Mnemo message by the position of its Spring AI message and its
     *                 part (the n-th response of a tool response message), such as ids derived from
     *                 the position so that an import maps a conversation the same in every run
     * @return the Mnemo messages to append, in order, with those ids
     */
    public static List<dev.mnemo.Message> toMnemo(List<? extends Message> messages, PartIds ids) {
        List<dev.mnemo.Message> mapped = new ArrayList<>(messages.size());
        for (int position = 0; position < messages.size(); position++) {
            List<dev.mnemo.Message> parts = parts(messages.get(position));
            for (int part = 0; part < parts.size(); part++) {
                dev.mnemo.Message built = parts.get(part);
                mapped.add(new dev.mnemo.Message(ids.of(position, part), built.role(), built.content(), built.name(),
                        built.toolCalls(), built.toolCallId(), built.metadata(), built.createdAt(), 0));
            }
        }
        return mapped;
    }

    /** The id of each Mnemo message a Spring AI message becomes. */
    @FunctionalInterface
    public interface PartIds {
        /**
         * @param position the Spring AI message's position, from 0
         * @param part     which of the Mnemo messages it becomes, from 0
         * @return the id
         */
        UUID of(int position, int part);
    }

    /** @return one Mnemo message, or one per response of a {@link ToolResponseMessage} */
    private static List<dev.mnemo.Message> parts(Message message) {
        Objects.requireNonNull(message, "message");
        if (!(message instanceof ToolResponseMessage tools)) {
            return List.of(single(message));
        }
        Map<String, Object> metadata = StoredMetadata.toStored(tools.getMetadata());
        List<dev.mnemo.Message> parts = new ArrayList<>(tools.getResponses().size());
        for (ToolResponseMessage.ToolResponse response : tools.getResponses()) {
            dev.mnemo.Message.Builder builder = dev.mnemo.Message.builder(Role.TOOL).metadata(metadata)
                    .toolCallId(response.id()).name(response.name());
            parts.add(withText(builder, response.responseData(), false).build());
        }
        return parts;
    }

    private static dev.mnemo.Message single(Message message) {
        dev.mnemo.Message.Builder builder = dev.mnemo.Message.builder(role(message.getMessageType()))
                .metadata(StoredMetadata.toStored(message.getMetadata()));
        boolean callsTools = message instanceof AssistantMessage assistant && assistant.hasToolCalls();
        if (callsTools) {
            List<AssistantMessage.ToolCall> calls = ((AssistantMessage) message).getToolCalls();
            calls.forEach(call -> builder.toolCall(call.id(), call.name(),
                    call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments()));
            List<String> types = calls.stream().map(AssistantMessage.ToolCall::type).toList();
            if (types.stream().anyMatch(type -> !FUNCTION.equals(type))) {
                builder.metadata(StoredMetadata.TOOL_CALL_TYPES, types);
            }
        }
        if (message instanceof MediaContent content && !content.getMedia().isEmpty()) {
            builder.metadata(StoredMetadata.MEDIA, MediaJson.write(content.getMedia()));
        }
        return withText(builder, message.getText(), callsTools).build();
    }

    private static Role role(MessageType type) {
        return switch (type) {
            case SYSTEM -> Role.SYSTEM;
            case USER -> Role.USER;
            case ASSISTANT -> Role.ASSISTANT;
            case TOOL -> throw new InvalidInputException(
                    "A Spring AI TOOL message must be a ToolResponseMessage, which names the calls it answers");
        };
    }

    /** Sets the content; keeps the original text beside it when it had to differ. */
    private static dev.mnemo.Message.Builder withText(dev.mnemo.Message.Builder builder, String text, boolean mayBeEmpty) {
        String content = text == null ? "" : text;
        if (content.isBlank() && !mayBeEmpty) {
            content = NO_TEXT;
        }
        if (!content.equals(text)) {
            builder.metadata(StoredMetadata.TEXT, text);
        }
        return builder.content(content);
    }

    /**
     * @param messages Mnemo messages, in order
     * @return the Spring AI messages, in order; consecutive TOOL messages become one {@link ToolResponseMessage}
     * @throws InvalidInputException when a message's stored media cannot be read
     */
    public static List<Message> toSpringAi(List<dev.mnemo.Message> messages) {
        List<Message> mapped = new ArrayList<>(messages.size());
        int next = 0;
        while (next < messages.size()) {
            if (messages.get(next).role() != Role.TOOL) {
                mapped.add(single(messages.get(next++)));
                continue;
            }
            int end = next;
            while (end < messages.size() && messages.get(end).role() == Role.TOOL) {
                end++;
            }
            mapped.add(toolResponses(messages.subList(next, end)));
            next = end;
        }
        return mapped;
    }

    private static Message single(dev.mnemo.Message message) {
        String text = text(message);
        Map<String, Object> metadata = StoredMetadata.fromStored(message.metadata());
        return switch (message.role()) {
            case SYSTEM -> SystemMessage.builder().text(text).metadata(metadata).build();
            case USER -> UserMessage.builder().text(text).metadata(metadata)
                    .media(MediaJson.read(message.metadata().get(StoredMetadata.MEDIA))).build();
            case ASSISTANT -> AssistantMessage.builder().content(text).properties(metadata).toolCalls(toolCalls(message))
                    .media(MediaJson.read(message.metadata().get(StoredMetadata.MEDIA))).build();
            case TOOL -> toolResponses(List.of(message));
        };
    }

    private static List<AssistantMessage.ToolCall> toolCalls(dev.mnemo.Message message) {
        List<?> types = message.metadata().get(StoredMetadata.TOOL_CALL_TYPES) instanceof List<?> stored ? stored : List.of();
        List<AssistantMessage.ToolCall> calls = new ArrayList<>(message.toolCalls().size());
        for (int i = 0; i < message.toolCalls().size(); i++) {
            ToolCall call = message.toolCalls().get(i);
            String type = i < types.size() ? (String) types.get(i) : FUNCTION;
            calls.add(new AssistantMessage.ToolCall(call.id(), type, call.name(), call.arguments()));
        }
        return calls;
    }

    private static ToolResponseMessage toolResponses(List<dev.mnemo.Message> results) {
        List<ToolResponseMessage.ToolResponse> responses = results.stream()
                .map(result -> new ToolResponseMessage.ToolResponse(result.toolCallId(), result.name(), text(result)))
                .toList();
        return ToolResponseMessage.builder().responses(responses)
                .metadata(StoredMetadata.fromStored(results.get(0).metadata())).build();
    }

    private static String text(dev.mnemo.Message message) {
        return message.metadata().containsKey(StoredMetadata.TEXT)
                ? (String) message.metadata().get(StoredMetadata.TEXT) : message.content();
    }
}

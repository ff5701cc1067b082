package dev.mnemo.context;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.ToolCall;
import dev.mnemo.JsonCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tool-result compaction: replaces the content of old TOOL results with a short reference made
 * from a template per tool name, so that a file read ten turns ago costs a line instead of the
 * file. A template names the call's arguments in braces: with the rule {@code read_file → "File
 * content from {file_path}. Re-read if needed."}, the result of {@code read_file({"file_path":
 * "a.txt"})} becomes {@code File content from a.txt. Re-read if needed.}
 *
 * <ul>
 *   <li>Only results older than the last {@link #keepTurns()} turns are compacted; a turn starts
 *       at a USER message. With fewer turns in the window, nothing is.</li>
 *   <li>A string argument is put in as is, any other JSON value as its JSON text.</li>
 *   <li>An argument the call does not have (or has as {@code null}, or arguments that are not a
 *       JSON object): by default the result is left whole, because a reference that cannot say
 *       what to re-read would lose it; with {@link Builder#missingArgument(String)} the given
 *       text stands in instead.</li>
 *   <li>The compacted text is counted with the session's counter when it is made; a result is
 *       replaced only when that makes it smaller.</li>
 *   <li>Tools without a rule are left whole, unless {@link Builder#otherwise(String)} is set.</li>
 * </ul>
 * The stored messages never change: compaction is a view for one context.
 */
public final class ToolResultCompaction implements ContextPolicy {

    /** Results of the last 2 turns are left whole by default. */
    public static final int DEFAULT_KEEP_TURNS = 2;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");

    private final Map<String, String> rules;
    private final String otherwise;
    private final int keepTurns;
    private final String missingArgument;

    private ToolResultCompaction(Builder builder) {
        this.rules = Map.copyOf(builder.rules);
        this.otherwise = builder.otherwise;
        this.keepTurns = builder.keepTurns;
        this.missingArgument = builder.missingArgument;
    }

    /** @return a builder with no rules and the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this compaction's rules and settings */
    public Builder toBuilder() {
        Builder builder = new Builder().rules(rules).keepTurns(keepTurns);
        builder.otherwise = otherwise;
        builder.missingArgument = missingArgument;
        return builder;
    }

    /** @return the templates by tool name */
    public Map<String, String> rules() {
        return rules;
    }

    /** @return how many of the latest turns keep their results whole */
    public int keepTurns() {
        return keepTurns;
    }

    @Override
    public ContextDraft apply(ContextDraft draft) {
        List<Message> messages = draft.messages();
        int cutoff = startOfKeptTurns(messages);
        if (cutoff <= 0) {
            return draft;
        }
        Map<String, ToolCall> calls = new HashMap<>();
        List<Message> result = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            message.toolCalls().forEach(call -> calls.put(call.id(), call));
            result.add(i < cutoff && message.role() == Role.TOOL
                    ? compact(message, calls.get(message.toolCallId()), draft) : message);
        }
        return draft.withMessages(result);
    }

    private int startOfKeptTurns(List<Message> messages) {
        int turns = 0;
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == Role.USER && ++turns == keepTurns) {
                return i;
            }
        }
        return -1;
    }

    private Message compact(Message result, ToolCall call, ContextDraft draft) {
        String tool = call != null ? call.name() : result.name();
        String template = tool == null ? otherwise : rules.getOrDefault(tool, otherwise);
        if (template == null) {
            return result;
        }
        Optional<String> text = fill(template, call == null ? null : arguments(call));
        if (text.isEmpty()) {
            return result;
        }
        Message compacted = new Message(result.id(), Role.TOOL, text.get(), result.name(), List.of(),
                result.toolCallId(), result.metadata(), result.createdAt(), 0);
        int tokens = draft.counter().count(compacted);
        return tokens < result.tokens() ? compacted.withTokens(tokens) : result;
    }

    /** @return the filled template, or empty when an argument is missing and no stand-in is set */
    private Optional<String> fill(String template, JsonNode arguments) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder text = new StringBuilder();
        while (matcher.find()) {
            JsonNode value = arguments == null || !arguments.isObject() ? null : arguments.get(matcher.group(1));
            String replacement;
            if (value == null || value.isNull()) {
                if (missingArgument == null) {
                    return Optional.empty();
                }
                replacement = missingArgument;
            } else {
                replacement = value.isTextual() ? value.asText() : value.toString();
            }
            matcher.appendReplacement(text, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(text);
        return Optional.of(text.toString());
    }

    private static JsonNode arguments(ToolCall call) {
        try {
            return JsonCodec.mapper().readTree(call.arguments());
        } catch (JsonProcessingException e) {
            return null; // ToolCall checked the JSON when it was built; nothing to fill from otherwise
        }
    }

    /** Builds a {@link ToolResultCompaction}; every setter is optional. */
    public static final class Builder {
        private final Map<String, String> rules = new LinkedHashMap<>();
        private String otherwise;
        private int keepTurns = DEFAULT_KEEP_TURNS;
        private String missingArgument;

        private Builder() {
        }

        /**
         * @param tool     the tool's name, as in its calls
         * @param template the reference that replaces its old results; {@code {name}} is the call's argument {@code name}
         * @return this builder
         */
        public Builder rule(String tool, String template) {
            if (tool == null || tool.isBlank()) {
                throw new InvalidInputException("A compaction rule needs a tool name, got '" + tool + "'");
            }
            rules.put(tool, checkTemplate(tool, template));
            return this;
        }

        /** @param templates templates by tool name, see {@link #rule(String, String)}; @return this builder */
        public Builder rules(Map<String, String> templates) {
            templates.forEach(this::rule);
            return this;
        }

        /**
         * @param template the reference for old results of tools without a rule; default: none, they stay whole
         * @return this builder
         */
        public Builder otherwise(String template) {
            this.otherwise = checkTemplate("otherwise", template);
            return this;
        }

        /**
         * @param turns how many of the latest turns keep their results whole, at least 1, default
         *              {@value ToolResultCompaction#DEFAULT_KEEP_TURNS}
         * @return this builder
         */
        public Builder keepTurns(int turns) {
            if (turns < 1) {
                throw new InvalidInputException("keepTurns must be at least 1, was " + turns);
            }
            this.keepTurns = turns;
            return this;
        }

        /**
         * @param text what stands in for an argument the call lacks; default: none, such results stay whole
         * @return this builder
         */
        public Builder missingArgument(String text) {
            this.missingArgument = Objects.requireNonNull(text, "text");
            return this;
        }

        /** @return the compaction stage */
        public ToolResultCompaction build() {
            return new ToolResultCompaction(this);
        }

        private static String checkTemplate(String what, String template) {
            if (template == null || template.isBlank()) {
                throw new InvalidInputException("Compaction template for " + what + " is empty");
            }
            return template;
        }
    }
}

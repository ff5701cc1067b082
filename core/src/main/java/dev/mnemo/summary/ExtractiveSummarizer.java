package dev.mnemo.summary;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.Summary;
import dev.mnemo.ToolCall;
import dev.mnemo.spi.Summarizer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A summarizer with no model, for offline use and tests: one line per message, its role and its
 * first sentence ({@code user: Where is my order?}), appended to the previous summary's lines;
 * past {@code maxChars} the oldest lines go. SYSTEM messages are left out (the system prompt is
 * kept apart, see {@code dev.mnemo.context.SystemPrompt}); an assistant tool call shows as the
 * tools it called. Deterministic and thread-safe.
 */
public final class ExtractiveSummarizer implements Summarizer {

    /** Default: a summary of at most 2,000 characters. */
    public static final int DEFAULT_MAX_CHARS = 2_000;
    /** Default: at most 200 characters taken from one message. */
    public static final int DEFAULT_LINE_CHARS = 200;

    private static final Pattern FIRST_SENTENCE = Pattern.compile("^(.+?[.!?])(\\s|$)", Pattern.DOTALL);

    private final int maxChars;
    private final int lineChars;

    /** A summarizer with the defaults. */
    public ExtractiveSummarizer() {
        this(DEFAULT_MAX_CHARS, DEFAULT_LINE_CHARS);
    }

    /**
     * @param maxChars  the longest summary, in characters, at least {@code lineChars}
     * @param lineChars the most characters taken from one message, at least 20
     */
    public ExtractiveSummarizer(int maxChars, int lineChars) {
        if (lineChars < 20 || maxChars < lineChars) {
            throw new InvalidInputException("ExtractiveSummarizer needs lineChars >= 20 and maxChars >= lineChars, got "
                    + lineChars + " and " + maxChars);
        }
        this.maxChars = maxChars;
        this.lineChars = lineChars;
    }

    @Override
    public CompletionStage<String> summarize(Optional<Summary> previous, List<Message> newMessages) {
        Deque<String> lines = new ArrayDeque<>();
        previous.ifPresent(summary -> summary.text().lines().filter(line -> !line.isBlank()).forEach(lines::add));
        for (Message message : newMessages) {
            line(message).ifPresent(lines::add);
        }
        int length = lines.stream().mapToInt(line -> line.length() + 1).sum();
        while (lines.size() > 1 && length - 1 > maxChars) {
            length -= lines.removeFirst().length() + 1;
        }
        return CompletableFuture.completedFuture(String.join("\n", lines));
    }

    private Optional<String> line(Message message) {
        if (message.role() == Role.SYSTEM) {
            return Optional.empty();
        }
        String role = message.role().name().toLowerCase(Locale.ROOT);
        if (message.content().isBlank()) {
            return Optional.of(role + " called " + message.toolCalls().stream().map(ToolCall::name)
                    .collect(Collectors.joining(", ")));
        }
        return Optional.of(role + ": " + firstSentence(message.content()));
    }

    private String firstSentence(String content) {
        String text = content.strip().replaceAll("\\s+", " ");
        Matcher sentence = FIRST_SENTENCE.matcher(text);
        String first = sentence.find() ? sentence.group(1) : text;
        return first.length() <= lineChars ? first : first.substring(0, lineChars - 1) + "…";
    }
}

package dev.mnemo.summary;

import dev.mnemo.Message;
import dev.mnemo.Summary;
import dev.mnemo.spi.Summarizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A summarizer whose summary lists the content of every message it covered, so a test can tell
 * exactly which messages a stored summary covers; it records each call.
 */
class ListingSummarizer implements Summarizer {

    /** One call: the previous summary's text (or null) and the contents given. */
    record Call(String previous, List<String> contents) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<String> summarize(Optional<Summary> previous, List<Message> newMessages) {
        List<String> contents = newMessages.stream().map(Message::content).toList();
        calls.add(new Call(previous.map(Summary::text).orElse(null), contents));
        return CompletableFuture.completedFuture(Stream.concat(previous.stream().map(Summary::text), contents.stream())
                .collect(Collectors.joining(",")));
    }

    /** @return the contents a summary text lists, in order */
    static List<String> covered(Summary summary) {
        return new ArrayList<>(List.of(summary.text().split(",")));
    }
}

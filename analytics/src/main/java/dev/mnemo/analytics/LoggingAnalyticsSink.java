package dev.mnemo.analytics;

import dev.mnemo.spi.AnalyticsBatch;
import dev.mnemo.spi.AnalyticsSink;
import dev.mnemo.JsonCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each batch as one line of JSON to the SLF4J logger {@value #LOGGER} at INFO: the
 * session, user, reason, times, totals, knowledge-base usage and latency samples (not the queries,
 * which may hold personal data). The sink of last resort, used when no other is available. A log
 * has no memory, so it cannot recognise a batch it was given before: a rare retry (after a write
 * whose outcome was unknown) logs the batch again, with the same {@code id} to deduplicate on.
 */
public final class LoggingAnalyticsSink implements AnalyticsSink {

    /** The name of the sink and of its provider. */
    public static final String NAME = "logging";
    /** The logger batches go to. */
    public static final String LOGGER = "dev.mnemo.analytics.batches";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<Boolean> write(AnalyticsBatch batch) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", batch.id());
        line.put("namespace", batch.session().namespace());
        line.put("sessionId", batch.session().id().value());
        line.put("userId", batch.userId());
        line.put("reason", batch.reason());
        line.put("startedAt", batch.startedAt());
        line.put("endedAt", batch.endedAt());
        line.put("messages", batch.messageCount());
        line.put("tokens", batch.tokenCount());
        line.put("answers", batch.answerCount());
        line.put("tokensIn", batch.tokensIn());
        line.put("tokensOut", batch.tokensOut());
        line.put("sources", batch.sourceUsage());
        line.put("latencyMs", batch.latencyMillis());
        LOG.info("{}", JsonCodec.write(line));
        return CompletableFuture.completedFuture(true);
    }
}

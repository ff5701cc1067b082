package dev.mnemo.summary;

/**
 * What the rolling summaries of one Mnemo have done since it was built.
 *
 * @param stored    summaries stored
 * @param failed    runs that failed (summarizer or tier error); each was logged and a later trigger retries
 * @param conflicts compare-and-set attempts lost to another writer; the run re-read and went on
 */
public record SummaryStats(long stored, long failed, long conflicts) {
}

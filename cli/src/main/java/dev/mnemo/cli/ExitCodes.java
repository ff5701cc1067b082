package dev.mnemo.cli;

import dev.mnemo.InvalidInputException;
import dev.mnemo.MnemoHealth;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.StoreUnavailableException;
import picocli.CommandLine;

/**
 * The exit codes a script can rely on, one per outcome:
 * <ul>
 *   <li>{@value #OK}: done (for {@code health}: UP);</li>
 *   <li>{@value #FAILED}: a tier failed or did not answer in time, or anything unexpected;</li>
 *   <li>{@value #USAGE}: bad usage, configuration or input (picocli's own code for usage errors);</li>
 *   <li>{@value #NOT_FOUND}: no such session;</li>
 *   <li>{@value #DEGRADED}, {@value #AT_RISK}, {@value #DOWN}: what {@code health} found.</li>
 * </ul>
 */
final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {

    /** Done. */
    static final int OK = 0;
    /** A tier failed, or something unexpected. */
    static final int FAILED = 1;
    /** Bad usage, configuration or input. */
    static final int USAGE = 2;
    /** No such session. */
    static final int NOT_FOUND = 3;
    /** Health: a tier is down, nothing acknowledged is at risk. */
    static final int DEGRADED = 10;
    /** Health: acknowledged writes are held only in one process. */
    static final int AT_RISK = 11;
    /** Health: no tier takes writes. */
    static final int DOWN = 12;

    @Override
    public int getExitCode(Throwable error) {
        if (error instanceof InvalidInputException || error instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (error instanceof SessionNotFoundException) {
            return NOT_FOUND;
        }
        return FAILED;
    }

    /** @return the exit code of a health status */
    static int of(MnemoHealth.Status status) {
        return switch (status) {
            case UP -> OK;
            case DEGRADED -> DEGRADED;
            case AT_RISK -> AT_RISK;
            case DOWN -> DOWN;
        };
    }

    /** @return whether {@code error} is a tier's failure rather than the caller's */
    static boolean isTier(Throwable error) {
        return error instanceof StoreUnavailableException;
    }
}

package dev.mnemo.spring.boot;

import dev.mnemo.Mnemo;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code mnemo} actuator endpoint ({@code /actuator/mnemo} once exposed with
 * {@code management.endpoints.web.exposure.include=health,mnemo}): Mnemo's status, its namespace and
 * write mode, each tier with its role, breaker state and check, and the journal toward the durable
 * tier (messages waiting here, sessions and the oldest entry in the shared journal, poisoned writes,
 * corrupt reads). Each read makes a new health report, bounded by {@code mnemo.call-timeout}.
 */
@Endpoint(id = "mnemo")
public class MnemoEndpoint {

    private final Mnemo mnemo;

    /** @param mnemo the Mnemo to report */
    public MnemoEndpoint(Mnemo mnemo) {
        this.mnemo = mnemo;
    }

    /** @return the report; fails with {@link dev.mnemo.StoreTimeoutException} past {@code mnemo.call-timeout} */
    @ReadOperation
    public MnemoReport report() {
        return MnemoReport.of(mnemo, mnemo.blocking().health());
    }
}

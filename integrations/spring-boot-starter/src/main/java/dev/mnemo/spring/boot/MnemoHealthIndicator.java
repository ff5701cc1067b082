package dev.mnemo.spring.boot;

import dev.mnemo.Mnemo;
import dev.mnemo.MnemoException;
import dev.mnemo.MnemoHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Mnemo's health as one indicator ({@code /actuator/health/mnemo}), whose status is
 * {@link MnemoHealth.Status}'s: {@code DOWN} only when no tier takes writes, so that a load balancer
 * never takes out an instance that still serves; {@link #DEGRADED} while a tier is down but every
 * acknowledged write is safe in a shared tier; {@link #AT_RISK} while some are held only in this
 * process; {@code UP} otherwise. The details are {@link MnemoReport}'s {@code tiers} (role, breaker,
 * up, check latency and detail of each) and {@code journal} (what waits for the durable tier).
 *
 * <p>Spring Boot answers HTTP 200 for both custom statuses: only {@code DOWN} and
 * {@code OUT_OF_SERVICE} map to 503 unless {@code management.endpoint.health.status.http-mapping.*}
 * says otherwise. The starter puts them into the default
 * {@code management.endpoint.health.status.order} ({@code down, out-of-service, at-risk, degraded, up,
 * unknown}), so the aggregate {@code /actuator/health} shows them.
 */
public final class MnemoHealthIndicator implements HealthIndicator {

    /** A tier is down; every acknowledged write is safe in a tier that other processes share. HTTP 200 by default. */
    public static final Status DEGRADED = new Status("DEGRADED", "a tier is down; every acknowledged write is safe");

    /** Some acknowledged writes are held only in this process until the durable tier returns. HTTP 200 by default. */
    public static final Status AT_RISK = new Status("AT_RISK",
            "some acknowledged writes are held only in this process until the durable tier returns");

    private final Mnemo mnemo;

    /** @param mnemo the Mnemo to report */
    public MnemoHealthIndicator(Mnemo mnemo) {
        this.mnemo = mnemo;
    }

    /** @return the status of the whole, with each tier and the journal; {@code DOWN} when the report itself fails */
    @Override
    public Health health() {
        MnemoHealth health;
        try {
            health = mnemo.blocking().health();
        } catch (MnemoException e) { // no report within mnemo.call-timeout: nothing answers
            return Health.down(e).build();
        }
        MnemoReport report = MnemoReport.of(mnemo, health);
        return Health.status(status(health.status())).withDetail("tiers", report.tiers())
                .withDetail("journal", report.journal()).build();
    }

    /** @return Spring Boot's status for Mnemo's */
    static Status status(MnemoHealth.Status status) {
        return switch (status) {
            case UP -> Status.UP;
            case DEGRADED -> DEGRADED;
            case AT_RISK -> AT_RISK;
            case DOWN -> Status.DOWN;
        };
    }
}

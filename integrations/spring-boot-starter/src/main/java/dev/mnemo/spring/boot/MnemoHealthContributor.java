package dev.mnemo.spring.boot;

import dev.mnemo.Mnemo;
import dev.mnemo.MnemoHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Mnemo's health as a composite with one indicator per tier, named after the tier
 * ({@code /actuator/health/mnemo/redis}): {@code UP} or {@code DOWN} as the tier's own check
 * says, with its {@code latencyMs} and {@code detail}. A tier that is down shows {@code DOWN}
 * even while Mnemo still serves from the others (its answers then say {@code degraded}); use a
 * health group to keep it out of a readiness probe if that is not wanted.
 *
 * <p>One walk over the composite asks Mnemo for the health of every tier once.
 */
public final class MnemoHealthContributor implements CompositeHealthContributor {

    private final Mnemo mnemo;

    /** @param mnemo the Mnemo whose tiers to report */
    public MnemoHealthContributor(Mnemo mnemo) {
        this.mnemo = mnemo;
    }

    /** @return the indicator of the tier named {@code name}, or {@code null} when there is none */
    @Override
    public HealthContributor getContributor(String name) {
        return check().get(name);
    }

    /** @return an indicator per tier, in routing order, from one check of every tier */
    @Override
    public Stream<Entry> stream() {
        return check().entrySet().stream().map(tier -> new Entry(tier.getKey(), tier.getValue()));
    }

    private Map<String, HealthIndicator> check() {
        Map<String, HealthIndicator> tiers = new LinkedHashMap<>();
        MnemoHealth report = mnemo.blocking().health();
        for (MnemoHealth.TierHealth tier : report.tiers()) {
            Health health = (tier.up() ? Health.up() : Health.down())
                    .withDetail("role", tier.role())
                    .withDetail("breaker", tier.breaker())
                    .withDetail("latencyMs", tier.check().latency().toMillis())
                    .withDetail("detail", tier.check().detail())
                    .build();
            tiers.put(tier.name(), () -> health);
        }
        if (!report.tiers().isEmpty() && report.journal() != MnemoHealth.JournalHealth.NONE) {
            MnemoHealth.JournalHealth journal = report.journal();
            Health health = (journal.poisoned() == 0 ? Health.up() : Health.down())
                    .withDetail("status", report.status().name())
                    .withDetail("waitingHere", journal.waitingHere())
                    .withDetail("heldOnlyHere", journal.heldOnlyHere())
                    .withDetail("poisoned", journal.poisoned())
                    .build();
            tiers.put("journal", () -> health);
        }
        return tiers;
    }
}

package dev.mnemo.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.spring.boot.internal.HealthStatusOrder;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.SimpleHttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MnemoHealthAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MnemoAutoConfiguration.class, MnemoHealthAutoConfiguration.class));

    private static Health health(AssertableApplicationContext context) {
        return context.getBean("mnemoHealthIndicator", HealthIndicator.class).health();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, MnemoReport.Tier> tiers(Health health) {
        return (Map<String, MnemoReport.Tier>) health.getDetails().get("tiers");
    }

    @Test
    void theEmbeddedTierIsUpWithEachTierAndTheJournalInTheDetails() {
        runner.run(context -> {
            Health health = health(context);

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(tiers(health)).containsOnlyKeys("memory");
            assertThat(tiers(health).get("memory")).satisfies(memory -> {
                assertThat(memory.up()).isTrue();
                assertThat(memory.role()).isEqualTo("fallback");
                assertThat(memory.breaker()).isEqualTo("NONE");
                assertThat(memory.latencyMs()).isNotNegative();
            });
            assertThat(health.getDetails().get("journal")).isEqualTo(new MnemoReport.Journal(0, 0, 0, 0, 0, null, 0, null));
        });
    }

    @Test
    void aHotTierDownWithTheFallbackServingIsDegradedNotDown() {
        runner.withPropertyValues("mnemo.tiers=map-tier,memory", "mnemo.map-tier.hot=true", "mnemo.map-tier.down=true")
                .run(context -> {
                    Health health = health(context);

                    assertThat(health.getStatus()).isEqualTo(MnemoHealthIndicator.DEGRADED);
                    MnemoReport.Tier hot = tiers(health).get("map-tier");
                    assertThat(hot.role()).isEqualTo("hot");
                    assertThat(hot.up()).isFalse();
                    assertThat(hot.breaker()).isEqualTo("CLOSED");
                    assertThat(hot.detail()).contains("disk on fire");
                    assertThat(tiers(health).get("memory").up()).isTrue();
                });
    }

    @Test
    void aDurableTierDownWithNoSharedJournalIsAtRisk() {
        runner.withPropertyValues("mnemo.tiers=map-tier,memory", "mnemo.map-tier.down=true").run(context -> {
            Health health = health(context);

            assertThat(health.getStatus()).isEqualTo(MnemoHealthIndicator.AT_RISK);
            assertThat(tiers(health).get("map-tier").role()).isEqualTo("durable");
            assertThat(health.getDetails().get("journal")).isInstanceOf(MnemoReport.Journal.class);
        });
    }

    @Test
    void noTierThatTakesWritesIsDown() {
        runner.withPropertyValues("mnemo.tiers=map-tier", "mnemo.map-tier.down=true")
                .run(context -> assertThat(health(context).getStatus()).isEqualTo(Status.DOWN));
    }

    @Test
    void underTheStartersStatusOrderTheAggregateShowsMnemosStatusAndOnlyDownAnswers503() {
        SimpleStatusAggregator aggregator = new SimpleStatusAggregator(HealthStatusOrder.DEFAULT_ORDER.split(","));
        SimpleHttpCodeStatusMapper http = new SimpleHttpCodeStatusMapper();

        assertThat(aggregator.getAggregateStatus(Set.of(Status.UP, MnemoHealthIndicator.DEGRADED)))
                .isEqualTo(MnemoHealthIndicator.DEGRADED);
        assertThat(aggregator.getAggregateStatus(Set.of(MnemoHealthIndicator.DEGRADED, MnemoHealthIndicator.AT_RISK)))
                .isEqualTo(MnemoHealthIndicator.AT_RISK);
        assertThat(aggregator.getAggregateStatus(Set.of(MnemoHealthIndicator.AT_RISK, Status.DOWN))).isEqualTo(Status.DOWN);
        assertThat(new SimpleStatusAggregator().getAggregateStatus(Set.of(Status.UP, MnemoHealthIndicator.DEGRADED)))
                .as("Boot's own order leaves the custom status out").isEqualTo(Status.UP);
        assertThat(http.getStatusCode(MnemoHealthIndicator.DEGRADED)).isEqualTo(200);
        assertThat(http.getStatusCode(MnemoHealthIndicator.AT_RISK)).isEqualTo(200);
        assertThat(http.getStatusCode(Status.DOWN)).isEqualTo(503);
    }

    @Test
    void canBeTurnedOffByProperty() {
        runner.withPropertyValues("management.health.mnemo.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(MnemoHealthIndicator.class));
    }

    @Test
    void needsSpringBootHealthOnTheClassPath() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).doesNotHaveBean(MnemoHealthIndicator.class));
    }
}

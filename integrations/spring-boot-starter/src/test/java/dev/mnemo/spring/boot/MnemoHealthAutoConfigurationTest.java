package dev.mnemo.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MnemoHealthAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MnemoAutoConfiguration.class, MnemoHealthAutoConfiguration.class));

    private static Map<String, Health> healthByTier(CompositeHealthContributor contributor) {
        return contributor.stream().collect(Collectors.toMap(HealthContributors.Entry::name,
                entry -> ((HealthIndicator) entry.contributor()).health()));
    }

    @Test
    void reportsTheEmbeddedTierUpWithLatencyAndDetail() {
        runner.run(context -> {
            CompositeHealthContributor mnemo = context.getBean("mnemoHealthContributor", CompositeHealthContributor.class);

            Map<String, Health> tiers = healthByTier(mnemo);

            assertThat(tiers).containsOnlyKeys("memory");
            assertThat(tiers.get("memory").getStatus()).isEqualTo(Status.UP);
            assertThat(tiers.get("memory").getDetails()).containsKeys("latencyMs", "detail");
        });
    }

    @Test
    void reportsEachTierAndATierWhoseCheckFailsAsDown() {
        runner.withPropertyValues("mnemo.tiers=durable-map,memory", "mnemo.durable-map.down=true").run(context -> {
            CompositeHealthContributor mnemo = context.getBean(MnemoHealthContributor.class);

            Map<String, Health> tiers = healthByTier(mnemo);

            assertThat(tiers).as("each tier, and the journal toward the durable one")
                    .containsOnlyKeys("durable-map", "memory", "journal");
            assertThat(tiers.get("memory").getStatus()).isEqualTo(Status.UP);
            assertThat(tiers.get("durable-map").getStatus()).isEqualTo(Status.DOWN);
            assertThat(tiers.get("durable-map").getDetails()).containsKey("latencyMs")
                    .hasEntrySatisfying("detail", detail -> assertThat(detail).asString().contains("disk on fire"));
            assertThat(((HealthIndicator) mnemo.getContributor("durable-map")).health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(mnemo.getContributor("no-such-tier")).isNull();
        });
    }

    @Test
    void canBeTurnedOffByProperty() {
        runner.withPropertyValues("management.health.mnemo.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(MnemoHealthContributor.class));
    }

    @Test
    void needsSpringBootHealthOnTheClassPath() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).doesNotHaveBean(MnemoHealthContributor.class));
    }
}

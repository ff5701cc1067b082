package dev.mnemo.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MnemoEndpointAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
            .of(MnemoAutoConfiguration.class, EndpointAutoConfiguration.class, MnemoEndpointAutoConfiguration.class));

    @Test
    void onceExposedItReportsTheStatusEachTierWithItsBreakerAndTheJournal() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=health,mnemo", "mnemo.namespace=tenant-a",
                "mnemo.tiers=map-tier,memory", "mnemo.map-tier.down=true").run(context -> {
                    MnemoReport report = context.getBean(MnemoEndpoint.class).report();

                    assertThat(report.status()).isEqualTo("AT_RISK");
                    assertThat(report.namespace()).isEqualTo("tenant-a");
                    assertThat(report.writeMode()).isEqualTo("WRITE_THROUGH");
                    assertThat(report.tiers()).containsOnlyKeys("map-tier", "memory");
                    assertThat(report.tiers().get("map-tier")).satisfies(durable -> {
                        assertThat(durable.role()).isEqualTo("durable");
                        assertThat(durable.breaker()).isEqualTo("CLOSED");
                        assertThat(durable.up()).isFalse();
                        assertThat(durable.detail()).contains("disk on fire");
                    });
                    assertThat(report.journal()).as("no journal shared across processes without a hot tier")
                            .isEqualTo(new MnemoReport.Journal(0, 0, 0, 0, 0, null, 0, null));
                });
    }

    @Test
    void notExposedItIsNotCreated() {
        runner.run(context -> assertThat(context).doesNotHaveBean(MnemoEndpoint.class));
    }
}

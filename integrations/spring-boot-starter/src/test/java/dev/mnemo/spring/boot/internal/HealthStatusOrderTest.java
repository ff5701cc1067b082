package dev.mnemo.spring.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

class HealthStatusOrderTest {

    @Test
    void withNoOrderSetMnemosStatusesJoinBootsDefaultOrder() {
        MockEnvironment environment = new MockEnvironment();

        new HealthStatusOrder().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(HealthStatusOrder.ORDER)).isEqualTo("down,out-of-service,at-risk,degraded,up,unknown");
    }

    @Test
    void anOrderTheApplicationSetsIsKeptAsItIsAsAListToo() {
        MockEnvironment environment = new MockEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application",
                Map.of(HealthStatusOrder.ORDER + "[0]", "down", HealthStatusOrder.ORDER + "[1]", "up")));

        new HealthStatusOrder().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().contains("mnemoHealthStatusOrder")).isFalse();
        assertThat(environment.getProperty(HealthStatusOrder.ORDER)).isNull();
    }
}

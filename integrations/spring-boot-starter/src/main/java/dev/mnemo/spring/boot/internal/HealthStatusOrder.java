package dev.mnemo.spring.boot.internal;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts Mnemo's health statuses into Spring Boot's status order, where the application has not set
 * one: Boot's aggregator leaves out every status its order does not name, so without this an
 * application whose Mnemo is {@code DEGRADED} would show {@code UP} at {@code /actuator/health}. The
 * order is Boot's default with {@code AT_RISK} and {@code DEGRADED} between {@code OUT_OF_SERVICE}
 * and {@code UP}; an application that sets {@value #ORDER} itself keeps its own (and names them in it).
 */
public final class HealthStatusOrder implements EnvironmentPostProcessor {

    /** The property of the order. */
    public static final String ORDER = "management.endpoint.health.status.order";

    /** The order this sets: Boot's default, with Mnemo's two statuses. */
    public static final String DEFAULT_ORDER = "down,out-of-service,at-risk,degraded,up,unknown";

    /** The name of the property source this adds, last, so that any other one wins. */
    static final String SOURCE = "mnemoHealthStatusOrder";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!Binder.get(environment).bind(ORDER, Bindable.listOf(String.class)).isBound()) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(ORDER, DEFAULT_ORDER)));
        }
    }
}

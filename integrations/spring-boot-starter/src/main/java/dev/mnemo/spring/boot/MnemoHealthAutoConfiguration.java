package dev.mnemo.spring.boot;

import dev.mnemo.Mnemo;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures {@link MnemoHealthIndicator} as the {@code mnemo} health contributor when
 * Spring Boot's health support ({@code spring-boot-health}, brought by the actuator) is on the
 * class path. Turn it off with {@code management.health.mnemo.enabled=false}.
 */
@AutoConfiguration(after = MnemoAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Mnemo.class)
@ConditionalOnEnabledHealthIndicator("mnemo")
public class MnemoHealthAutoConfiguration {

    /**
     * @param mnemo the Mnemo to report
     * @return the indicator, named {@code mnemo} after this method
     */
    @Bean
    @ConditionalOnMissingBean(name = "mnemoHealthIndicator")
    public MnemoHealthIndicator mnemoHealthIndicator(Mnemo mnemo) {
        return new MnemoHealthIndicator(mnemo);
    }
}

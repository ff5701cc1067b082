package dev.mnemo.spring.boot;

import dev.mnemo.Mnemo;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the {@link MnemoEndpoint} when the actuator is on the class path and the endpoint
 * is exposed ({@code management.endpoints.web.exposure.include=health,mnemo}, or over JMX).
 */
@AutoConfiguration(after = MnemoAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(Mnemo.class)
@ConditionalOnAvailableEndpoint(MnemoEndpoint.class)
public class MnemoEndpointAutoConfiguration {

    /**
     * @param mnemo the Mnemo to report
     * @return the endpoint
     */
    @Bean
    @ConditionalOnMissingBean
    public MnemoEndpoint mnemoEndpoint(Mnemo mnemo) {
        return new MnemoEndpoint(mnemo);
    }
}

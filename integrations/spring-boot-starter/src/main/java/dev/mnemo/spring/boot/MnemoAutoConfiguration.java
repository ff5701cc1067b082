package dev.mnemo.spring.boot;

import dev.mnemo.Mnemo;
import dev.mnemo.spi.StoreConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Auto-configures a {@link Mnemo} from the {@code mnemo.*} properties: the typed
 * {@link MnemoProperties}, then any other {@code mnemo.*} key of the environment, so every key
 * of Mnemo's Configuration table works from {@code application.properties}, YAML or
 * environment variables ({@code MNEMO_REDIS_URI}). Tiers are found on the class path as usual;
 * with only {@code mnemo-store-memory} (which this starter brings) Mnemo runs embedded.
 * A bad value fails startup, naming the key.
 *
 * <p>The application's {@link MeterRegistry}, when there is one, gets Mnemo's meters. Define a
 * {@code Mnemo} bean to replace this one, or {@link MnemoBuilderCustomizer} beans to add to it.
 * The bean is closed with the context, which flushes what is pending.
 */
@AutoConfiguration
@EnableConfigurationProperties(MnemoProperties.class)
public class MnemoAutoConfiguration {

    /** The prefix of Mnemo's keys. */
    static final String PREFIX = "mnemo";

    /**
     * @param properties  the typed {@code mnemo.*} properties
     * @param environment where every other {@code mnemo.*} key is read
     * @param customizers applied in order after the configuration is set
     * @return the Mnemo, built from the properties and then the customizers
     * @throws dev.mnemo.InvalidInputException listing every bad {@code mnemo.*} value
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Mnemo mnemo(MnemoProperties properties, Environment environment,
                       ObjectProvider<MnemoBuilderCustomizer> customizers) {
        StoreConfig config = StoreConfig.of(ConfigKeys.flatten(PREFIX, properties)).orElse(environment::getProperty);
        Mnemo.Builder builder = Mnemo.builder().config(config);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /** Gives Mnemo the application's meter registry; only where Micrometer is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class MetricsConfiguration {

        /** Runs before the application's customizers, so one of them may still replace the registry. */
        @Bean
        @Order(0)
        MnemoBuilderCustomizer mnemoMeterRegistryCustomizer(ObjectProvider<MeterRegistry> registry) {
            return builder -> registry.ifUnique(builder::meterRegistry);
        }
    }
}

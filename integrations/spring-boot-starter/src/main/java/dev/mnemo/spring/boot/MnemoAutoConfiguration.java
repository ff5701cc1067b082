package dev.mnemo.spring.boot;

import dev.mnemo.Mnemo;
import dev.mnemo.spi.Summarizer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Auto-configures a {@link Mnemo} from the {@code mnemo.*} properties of the environment, so every
 * key of Mnemo's Configuration table works from {@code application.properties}, YAML or
 * environment variables ({@code MNEMO_REDIS_URI}); the starter's configuration metadata, which
 * IDEs complete from, is generated from the same declarations. Tiers are found on the class path
 * as usual; with only {@code mnemo-store-memory} (which this starter brings) Mnemo runs embedded.
 * A bad value, or a {@code mnemo.*} key that no module on the class path declares, fails start-up,
 * naming every such key at once (a typo with the key it was probably meant to be).
 *
 * <p>The application's {@link Summarizer} bean, when it defines one (or marks one {@code @Primary}),
 * writes the rolling summaries, off the request path; {@code mnemo.summary.*} say when
 * ({@code every-messages} and {@code every-tokens} both 0 leave only the final summary of an ended
 * session). The application's {@link MeterRegistry}, when there is one, gets Mnemo's meters. Define a
 * {@code Mnemo} bean to replace this one, or {@link MnemoBuilderCustomizer} beans to add to it (they
 * run after the summarizer and the registry are set, so they may replace either). The bean is closed
 * with the context, which flushes what is pending.
 */
@AutoConfiguration
public class MnemoAutoConfiguration {

    /**
     * @param environment where every {@code mnemo.*} key is read
     * @param summarizer  the application's summarizer, used when it is the only one or the primary one
     * @param customizers applied in order after the configuration and the summarizer are set
     * @return the Mnemo, built from the environment and then the customizers
     * @throws dev.mnemo.InvalidInputException listing every bad {@code mnemo.*} value and every unknown key
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Mnemo mnemo(Environment environment, ObjectProvider<Summarizer> summarizer,
                       ObjectProvider<MnemoBuilderCustomizer> customizers) {
        Mnemo.Builder builder = Mnemo.builder().config(new EnvironmentConfig(environment));
        summarizer.ifUnique(builder::summarizer);
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

package dev.mnemo.spring.boot;

import dev.mnemo.Mnemo;

/**
 * Changes the {@link Mnemo.Builder} of the auto-configured {@link Mnemo} before it is built:
 * declare one as a bean to add a session listener (such as mnemo-analytics' {@code SessionAnalytics}),
 * a token counter or per-tier resilience settings (a {@link dev.mnemo.spi.Summarizer} bean needs no
 * customizer). Customizers run in their {@code @Order}, after the configuration, the summarizer and
 * the meter registry are set.
 */
@FunctionalInterface
public interface MnemoBuilderCustomizer {

    /** @param builder the builder, configured from the {@code mnemo.*} properties */
    void customize(Mnemo.Builder builder);
}

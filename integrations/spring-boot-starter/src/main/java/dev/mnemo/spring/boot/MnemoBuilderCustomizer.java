package dev.mnemo.spring.boot;

import dev.mnemo.Mnemo;

/**
 * Changes the {@link Mnemo.Builder} of the auto-configured {@link Mnemo} before it is built:
 * declare one as a bean to add a summarizer, a session listener (such as mnemo-analytics'
 * {@code SessionAnalytics}) or a token counter. Customizers run in their {@code @Order}, after
 * the configuration and the meter registry are set.
 */
@FunctionalInterface
public interface MnemoBuilderCustomizer {

    /** @param builder the builder, configured from the {@code mnemo.*} properties */
    void customize(Mnemo.Builder builder);
}

/**
 * Spring Boot auto-configuration of Mnemo: {@link dev.mnemo.spring.boot.MnemoAutoConfiguration}
 * (the {@code Mnemo} bean from the {@code mnemo.*} properties, the application's summarizer, and
 * Micrometer), {@link dev.mnemo.spring.boot.MnemoChatMemoryAutoConfiguration} (Spring AI's
 * {@code ChatMemory}), {@link dev.mnemo.spring.boot.MnemoHealthAutoConfiguration} (the {@code mnemo}
 * health indicator: {@code UP}, {@code DEGRADED}, {@code AT_RISK} or {@code DOWN}) and
 * {@link dev.mnemo.spring.boot.MnemoEndpointAutoConfiguration} (the {@code /actuator/mnemo} endpoint).
 */
@NullMarked
package dev.mnemo.spring.boot;

import org.jspecify.annotations.NullMarked;

/**
 * Spring Boot auto-configuration of Mnemo: {@link dev.mnemo.spring.boot.MnemoAutoConfiguration}
 * (the {@code Mnemo} bean from the {@code mnemo.*} properties, and Micrometer),
 * {@link dev.mnemo.spring.boot.MnemoChatMemoryAutoConfiguration} (Spring AI's {@code ChatMemory})
 * and {@link dev.mnemo.spring.boot.MnemoHealthAutoConfiguration} (a health indicator per tier).
 *
 */
@NullMarked
package dev.mnemo.spring.boot;

import org.jspecify.annotations.NullMarked;

/**
 * What the starter runs but applications do not call: {@link dev.mnemo.spring.boot.internal.ConfigurationMetadata},
 * which the build runs to write Spring Boot's configuration metadata from the keys Mnemo's modules
 * declare, and {@link dev.mnemo.spring.boot.internal.HealthStatusOrder}, which Spring Boot runs to
 * put Mnemo's health statuses into its status order. Not an API.
 */
@NullMarked
package dev.mnemo.spring.boot.internal;

import org.jspecify.annotations.NullMarked;

/**
 * What the starter's build runs: {@link dev.mnemo.spring.boot.internal.ConfigurationMetadata}, which
 * writes Spring Boot's configuration metadata from the keys Mnemo's modules declare. Not an API.
 */
@NullMarked
package dev.mnemo.spring.boot.internal;

import org.jspecify.annotations.NullMarked;

/**
 * The {@code mnemo} command-line tool for operators: {@link dev.mnemo.cli.MnemoCli} and its commands,
 * configured with the same {@code mnemo.*} keys as any Mnemo.
 */
@NullMarked
package dev.mnemo.cli;

import org.jspecify.annotations.NullMarked;

/**
 * What plugin authors build on beside the SPI, published and kept stable like it: {@link
 * dev.mnemo.spi.support.Stages} (the async contract: failures complete the stage), {@link
 * dev.mnemo.spi.support.Limits} (the argument checks every tier makes alike), {@link
 * dev.mnemo.spi.support.Ids} (id validation), {@link dev.mnemo.spi.support.InstantText} (the stored
 * form of timestamps) and {@link dev.mnemo.spi.support.Providers} (safe {@link java.util.ServiceLoader}
 * discovery). Nothing here is internal: a store module uses these, never {@code dev.mnemo.internal}.
 */
@NullMarked
package dev.mnemo.spi.support;

import org.jspecify.annotations.NullMarked;

/**
 * What plugin authors and framework adapters build on beside the SPI, published and kept stable like
 * it: {@link dev.mnemo.spi.support.Stages} (the async contract: failures complete the stage), {@link
 * dev.mnemo.spi.support.Deadline} (the call deadline, {@code mnemo.call-timeout}, for a call made of
 * several steps), {@link dev.mnemo.spi.support.Limits} (the argument checks every tier makes alike),
 * {@link dev.mnemo.spi.support.Ids} (id validation, and the safe id of a foreign identifier), {@link
 * dev.mnemo.spi.support.Retries} (a retried framework call's input stored once), {@link
 * dev.mnemo.spi.support.InstantText} (the stored form of timestamps) and {@link
 * dev.mnemo.spi.support.Providers} (safe {@link java.util.ServiceLoader} discovery). Nothing here is
 * internal: a store module or an adapter uses these, never {@code dev.mnemo.internal}.
 */
@NullMarked
package dev.mnemo.spi.support;

import org.jspecify.annotations.NullMarked;

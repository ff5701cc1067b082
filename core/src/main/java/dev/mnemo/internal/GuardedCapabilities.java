package dev.mnemo.internal;

import dev.mnemo.spi.MemoryStore;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A tier's optional capabilities ({@link MemoryStore#capability}) passed on guarded, so a wrapper
 * cannot drop them: each of their calls that returns a stage goes through the tier's guard with the
 * time limit of the work it carries ({@link TimeLimits#batch}), and an SPI object a capability hands
 * out, such as an {@link dev.mnemo.spi.AnalyticsBuffer}, is wrapped alike. Other calls go straight through.
 */
final class GuardedCapabilities {

    /** Runs a capability's call behind the tier's breaker, without retries: its callers retry on their own schedule. */
    @FunctionalInterface
    interface Guard {
        /**
         * @param operation the method's name
         * @param limit     the call's time limit
         * @return the call's answer, or a failure as the tier's own calls report it
         */
        CompletionStage<Object> call(String operation, TimeLimiter limit, Supplier<CompletionStage<Object>> call);
    }

    private final TimeLimits limits;
    private final Guard guard;

    /**
     * @param limits the tier's time limits
     * @param guard  the tier's breaker
     */
    GuardedCapabilities(TimeLimits limits, Guard guard) {
        this.limits = limits;
        this.guard = guard;
    }

    /** @return {@code target} seen through {@code type}, each call guarded */
    @SuppressWarnings("unchecked")
    <T> T wrap(Class<T> type, T target) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? "guarded " + target : method.invoke(target, args);
            }
            Supplier<Object> invoke = () -> {
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            };
            Class<?> returned = method.getReturnType();
            if (returned.isInterface() && returned.getPackageName().equals(MemoryStore.class.getPackageName())) {
                return wrap((Class<Object>) returned, invoke.get()); // a capability's own object, such as a buffer
            }
            if (!CompletionStage.class.isAssignableFrom(returned)) {
                return invoke.get();
            }
            TimeLimiter limit = limits.batch(args);
            return guard.call(method.getName(), limit, () -> (CompletionStage<Object>) invoke.get());
        });
        return type.cast(proxy);
    }
}

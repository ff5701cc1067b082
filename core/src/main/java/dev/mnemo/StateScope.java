package dev.mnemo;

/**
 * Where a state value lives, chosen by the prefix of its key; the same in every tier.
 */
public enum StateScope {
    /** No prefix: this session only. */
    SESSION(""),
    /** {@code user:} shared by every session of the session's user. */
    USER("user:"),
    /** {@code app:} shared by every session of the namespace. */
    APP("app:"),
    /** {@code temp:} this process only; never written to any tier. */
    TEMP("temp:");

    private final String prefix;

    StateScope(String prefix) {
        this.prefix = prefix;
    }

    /** @return the key prefix that selects this scope */
    public String prefix() {
        return prefix;
    }

    /**
     * @param key a state key
     * @return the scope its prefix selects
     */
    public static StateScope of(String key) {
        for (StateScope scope : new StateScope[] {USER, APP, TEMP}) {
            if (key.startsWith(scope.prefix)) {
                return scope;
            }
        }
        return SESSION;
    }
}

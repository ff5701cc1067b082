package dev.mnemo.benchmarks;

import dev.mnemo.benchmarks.Latencies.Percentiles;

/**
 * What one round measured of the floor (see {@link Floor}).
 *
 * @param rpush  one RPUSH
 * @param lua    one EVALSHA of {@link Floor#SCRIPT}
 * @param lrange one LRANGE of the last 20
 * @param turn   one EVALSHA of {@link Floor#TURN_SCRIPT}
 */
record FloorCell(Percentiles rpush, Percentiles lua, Percentiles lrange, Percentiles turn) {

    /** The index of each latency in the array {@link #of} takes. */
    static final int RPUSH = 0;
    static final int LUA = 1;
    static final int LRANGE = 2;
    static final int TURN = 3;
    /** How many latencies a floor cell has. */
    static final int LATENCIES = 4;

    /** @return the cell of {@code latencies}, indexed as {@link #RPUSH} to {@link #TURN} say */
    static FloorCell of(Latencies[] latencies) {
        return new FloorCell(latencies[RPUSH].percentiles(), latencies[LUA].percentiles(), latencies[LRANGE].percentiles(),
                latencies[TURN].percentiles());
    }
}

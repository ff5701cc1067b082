package dev.mnemo.adk;

import dev.mnemo.Mnemo;
import org.junit.jupiter.api.AfterAll;

/** The service on the embedded memory tier alone: one process, the tier unshared. */
class AdkSessionServiceOnMemoryTest extends SessionServiceContract {

    private static final Mnemo MNEMO = Deployments.memory(Deployments.namespace());

    @AfterAll
    static void close() {
        MNEMO.close();
    }

    @Override
    Mnemo process() {
        return MNEMO;
    }

    @Override
    Mnemo otherProcess() {
        return MNEMO;
    }
}

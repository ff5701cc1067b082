package dev.mnemo.benchmarks;

import dev.mnemo.Message;
import dev.mnemo.SessionId;

/** The {@link Crowd.Worker}s of the throughput run: raw Lettuce, and a configuration under test. */
final class Workers {

    private Workers() {
    }

    /** @return threads each RPUSHing onto a list of their own */
    static Crowd.Worker rpush(Floor floor, String prefix) {
        return new Crowd.Worker() {
            @Override
            public void prepare(int thread) {
                // a list is created by its first RPUSH
            }

            @Override
            public void call(int thread, int index) {
                floor.rpush(prefix + ":" + thread, index);
            }
        };
    }

    /** @return threads each running the floor's Lua append on a windowed list of their own */
    static Crowd.Worker lua(Floor floor, String prefix) {
        return new Crowd.Worker() {
            @Override
            public void prepare(int thread) {
                // the script creates its keys
            }

            @Override
            public void call(int thread, int index) {
                floor.lua(prefix + ":" + thread, index);
            }
        };
    }

    /** @return threads each appending to a session of their own, opened empty; the messages are built untimed */
    static Crowd.Worker sessions(Subject subject, Conversation conversation, String prefix, int threads, int perThread) {
        SessionId[] ids = new SessionId[threads];
        Message[][] messages = new Message[threads][perThread];
        return new Crowd.Worker() {
            @Override
            public void prepare(int thread) {
                ids[thread] = SessionId.of(prefix + "-" + thread);
                subject.open(ids[thread], 0, conversation);
                for (int i = 0; i < perThread; i++) {
                    messages[thread][i] = subject.message(conversation, i);
                }
            }

            @Override
            public void call(int thread, int index) {
                subject.append(ids[thread], messages[thread][index]);
            }
        };
    }
}

package dev.onvifcloud.uplink.internal;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.Future;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One periodic task per event loop and period that ticks every {@link LivenessHandler} of that loop, instead of a timer
 * per connection. With a timer each, a loop holding a thousand idle uplinks woke up hundreds of times a second to
 * compare two numbers per connection, and every wakeup costs a context switch and re-arming a timer (on a virtual
 * machine, an exit to the hypervisor); a sweep wakes the loop once per period whatever the number of connections.
 *
 * <p>Confined to its event loop's thread: {@link #join} and {@link #leave} are called from handlers of channels of that
 * loop, and the sweep runs on it. A sweep whose last member left cancels its task and forgets itself.
 */
final class LivenessSweep {

    /** The sweeps of the current event loop thread, by period in nanoseconds. */
    private static final FastThreadLocal<Map<Long, LivenessSweep>> SWEEPS = new FastThreadLocal<>() {
        @Override
        protected Map<Long, LivenessSweep> initialValue() {
            return new HashMap<>();
        }
    };

    private final Map<Long, LivenessSweep> registry;
    private final long periodNanos;
    private final Set<LivenessHandler> members = new HashSet<>();
    private final Future<?> task;

    private LivenessSweep(Map<Long, LivenessSweep> registry, EventExecutor executor, long periodNanos) {
        this.registry = registry;
        this.periodNanos = periodNanos;
        this.task = executor.scheduleAtFixedRate(this::sweep, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Adds {@code member} to the sweep of {@code executor} (the current thread's loop) for {@code periodNanos},
     * starting one if there is none.
     */
    static LivenessSweep join(EventExecutor executor, long periodNanos, LivenessHandler member) {
        if (!executor.inEventLoop()) {
            throw new IllegalStateException("a liveness sweep is joined on its event loop only");
        }
        Map<Long, LivenessSweep> registry = SWEEPS.get();
        LivenessSweep sweep = registry.computeIfAbsent(periodNanos, p -> new LivenessSweep(registry, executor, p));
        sweep.members.add(member);
        return sweep;
    }

    /** Removes {@code member}; the last one out stops the sweep. */
    void leave(LivenessHandler member) {
        if (members.remove(member) && members.isEmpty()) {
            task.cancel(false);
            registry.remove(periodNanos, this);
        }
    }

    /** How many handlers this sweep ticks. */
    int size() {
        return members.size();
    }

    private void sweep() {
        long now = System.nanoTime();
        // a tick may close its channel, which leaves the sweep: iterate over a copy
        for (LivenessHandler member : members.toArray(new LivenessHandler[0])) {
            try {
                member.tick(now);
            } catch (RuntimeException e) { // one connection's failure must not end the sweep of the others
                member.failed(e);
            }
        }
    }
}

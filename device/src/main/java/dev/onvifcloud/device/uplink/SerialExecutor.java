package dev.onvifcloud.device.uplink;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in the order given, on threads of a shared executor: a camera's own sequence without
 * a thread of its own. A task that throws ends only itself.
 */
final class SerialExecutor implements Executor {

    private final Executor shared;
    private final Queue<Runnable> tasks = new ArrayDeque<>(); // guarded by this
    private boolean draining; // guarded by this

    SerialExecutor(Executor shared) {
        this.shared = Objects.requireNonNull(shared, "shared");
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        synchronized (this) {
            tasks.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            shared.execute(this::drain);
        } catch (RuntimeException e) {
            synchronized (this) {
                tasks.clear();
                draining = false;
            }
            throw e;
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                Thread.UncaughtExceptionHandler handler = Thread.currentThread().getUncaughtExceptionHandler();
                handler.uncaughtException(Thread.currentThread(), e);
            }
        }
    }
}

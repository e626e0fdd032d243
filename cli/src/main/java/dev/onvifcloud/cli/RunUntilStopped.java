package dev.onvifcloud.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Keeps a long-running command alive until Ctrl-C (or SIGTERM), then closes what it started, last first. */
final class RunUntilStopped {

    private RunUntilStopped() {
    }

    /** Blocks until the JVM is asked to stop; the shutdown hook closes {@code resources} in reverse order. */
    static void await(List<? extends AutoCloseable> resources) {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(resources);
            closed.countDown();
        }, "onvif-cloud-shutdown"));
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes each resource, last first, going on when one fails. */
    static void closeAll(List<? extends AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) { // closing the others matters more
                System.err.println("onvif-cloud: cannot close " + resources.get(i) + ": " + e.getMessage());
            }
        }
    }
}

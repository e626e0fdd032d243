package dev.onvifcloud.cloud.provisioning.worker;

import static dev.onvifcloud.cloud.provisioning.worker.CloudWithCamera.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.onvifcloud.cloud.storage.SharingMode;
import dev.onvifcloud.cloud.storage.SharingOperationState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sharing worker works on several cameras at once, and on one camera's operations one after another. */
class SharingWorkerConcurrencyTest {

    private static final String FIRST_STEP = "UploadCertificate:0";
    private static final String OTHER_SERIAL = "SN-WORKER-2";

    @TempDir
    Path directory;

    private CloudWithCamera cloud;

    @AfterEach
    void close() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void operations_of_two_cameras_are_configured_at_the_same_time() throws Exception {
        cloud = new CloudWithCamera(directory);
        cloud.startCamera();
        cloud.startOtherCamera(OTHER_SERIAL);
        UUID first = cloud.startSharing(CloudWithCamera.configuration());
        UUID second = cloud.startSharing(OTHER_SERIAL, CloudWithCamera.configuration(), SharingMode.SHARE);
        // Each operation, its camera having answered its first step, waits for the other to get there too: a worker
        // working on one operation at a time would break the barrier, and the operations would stay unfinished.
        CyclicBarrier bothInFlight = new CyclicBarrier(2);
        Set<UUID> met = ConcurrentHashMap.newKeySet();
        Checkpoint rendezvous = new Checkpoint() {
            @Override
            public void cameraAnswered(UUID operationId, String stepName) {
                if (stepName.equals(FIRST_STEP)) {
                    try {
                        bothInFlight.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                        met.add(operationId);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    } catch (BrokenBarrierException | TimeoutException e) {
                        throw new IllegalStateException("the other operation did not run at the same time", e);
                    }
                }
            }
        };

        assertThat(cloud.worker("worker-1").checkpoint(rendezvous).parallelism(2).build().runOnce()).isEqualTo(2);

        assertThat(met).containsExactlyInAnyOrder(first, second);
        assertThat(cloud.operation(first).state()).isEqualTo(SharingOperationState.COMPLETED);
        assertThat(cloud.operation(second).state()).isEqualTo(SharingOperationState.COMPLETED);
    }

    @Test
    void two_operations_of_one_camera_do_not_interleave_their_steps() throws Exception {
        cloud = new CloudWithCamera(directory);
        cloud.startCamera();
        UUID first = cloud.startSharing(CloudWithCamera.configuration());
        UUID second = cloud.startSharing(CloudWithCamera.configuration());
        List<UUID> recorded = Collections.synchronizedList(new ArrayList<>());
        Checkpoint slowFirstStep = new Checkpoint() {
            @Override
            public void cameraAnswered(UUID operationId, String stepName) {
                if (stepName.equals(FIRST_STEP)) {
                    try {
                        Thread.sleep(200); // the other operation would start its steps meanwhile, were it allowed
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void stepRecorded(UUID operationId, String stepName) {
                recorded.add(operationId);
            }
        };

        assertThat(cloud.worker("worker-1").checkpoint(slowFirstStep).parallelism(4).build().runOnce()).isEqualTo(2);

        assertThat(cloud.operation(first).state().isActive()).isFalse();
        assertThat(cloud.operation(second).state().isActive()).isFalse();
        assertThat(recorded).contains(first, second);
        UUID started = recorded.get(0);
        int switches = 0;
        for (int i = 1; i < recorded.size(); i++) {
            if (!recorded.get(i).equals(recorded.get(i - 1))) {
                switches++;
            }
        }
        assertThat(switches).as("steps in order %s, the first operation being %s", recorded, started).isEqualTo(1);
    }
}

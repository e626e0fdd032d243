package dev.onvifcloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onvifcloud.cloud.node.FactoryClaimCodes;
import dev.onvifcloud.cloud.registry.DeviceRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The first half of one camera's way through the demo, on the MCS: its factory uplink connects; its owner claims it
 * with its factory claim code and issues a share token, over the MCS's HTTPS management API. A camera that the OCS
 * has already (from an earlier run) gets no new share token. The second half is the {@link OcsHandOff}.
 */
final class Onboarding {

    private static final Duration POLL = Duration.ofMillis(200);

    /**
     * Where a camera got to on the MCS.
     *
     * @param state where it stopped, for the summary table, when it goes no further
     * @param shareToken the share token to hand to the OCS
     * @param onOcs whether the OCS has the camera already
     */
    record Step(int index, String serialNumber, Instant start, String state, Optional<String> shareToken,
                boolean onOcs) {

        Step {
            Objects.requireNonNull(serialNumber, "serialNumber");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(shareToken, "shareToken");
        }

        /** Whether the OCS part goes on with this camera. */
        boolean goesOn() {
            return onOcs || shareToken.isPresent();
        }
    }

    private final ManagementClient client;
    private final DeviceRegistry registry;
    private final FactoryClaimCodes claimCodes;
    private final Set<String> onOcs;
    private final Progress progress;
    private final Duration patience;

    /**
     * @param onOcs serial numbers that the OCS has already: they are claimed (or found claimed) but get no share token
     */
    Onboarding(ManagementClient client, DeviceRegistry registry, FactoryClaimCodes claimCodes, Set<String> onOcs,
               Progress progress, Duration patience) {
        this.client = client;
        this.registry = registry;
        this.claimCodes = claimCodes;
        this.onOcs = Set.copyOf(onOcs);
        this.progress = progress;
        this.patience = patience;
    }

    /** Never throws: a camera that stops has a step saying where. */
    Step run(int index, String serial) {
        Instant start = Instant.now();
        Step step;
        try {
            step = onboard(index, serial, start);
        } catch (IOException e) {
            step = stopped(index, serial, start, "failed: " + e.getClass().getSimpleName() + " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            step = stopped(index, serial, start, "interrupted");
        }
        if (!step.goesOn()) {
            progress.line(serial + ": " + step.state());
        }
        return step;
    }

    private static Step stopped(int index, String serial, Instant start, String where) {
        return new Step(index, serial, start, where, Optional.empty(), false);
    }

    private Step onboard(int index, String serial, Instant start) throws IOException, InterruptedException {
        Instant deadline = start.plus(patience);
        while (!registry.isOnline(serial)) {
            if (Instant.now().isAfter(deadline)) {
                return stopped(index, serial, start, "factory uplink not connected");
            }
            Thread.sleep(POLL.toMillis());
        }
        progress.line(serial + ": factory uplink connected");
        String code = claimCodes.claimCode(serial);
        while (true) {
            ManagementClient.Answer claim = client.claim(serial, code);
            if (claim.is(200)) {
                progress.line(serial + ": claimed with claim code " + code);
                break;
            }
            if (claim.is(409)) { // the camera has an owner already: us, if an earlier run claimed it
                if (!ownsAlready(serial)) {
                    return stopped(index, serial, start, "claimed by another owner");
                }
                progress.line(serial + ": claimed already (an earlier run)");
                break;
            }
            if (!claim.is(403) || Instant.now().isAfter(deadline)) {
                return stopped(index, serial, start, "claim refused (" + claim.status() + " " + claim.error() + ")");
            }
            Thread.sleep(POLL.toMillis()); // the MCS sets the factory claim code just after the camera came online
        }
        if (onOcs.contains(serial)) {
            progress.line(serial + ": on the OCS already (an earlier run), no new share token");
            return new Step(index, serial, start, "on the OCS", Optional.empty(), true);
        }
        ManagementClient.Answer issued = client.issueShareToken(serial, "share");
        if (!issued.is(201)) {
            return stopped(index, serial, start, "no share token (" + issued.status() + " " + issued.error() + ")");
        }
        progress.line(serial + ": share token issued, valid until " + issued.body().path("expiresAt").asText());
        return new Step(index, serial, start, "share token issued",
                Optional.of(issued.body().path("shareToken").asText()), false);
    }

    private boolean ownsAlready(String serial) throws IOException, InterruptedException {
        for (JsonNode device : client.devices().body().path("devices")) {
            if (serial.equals(device.path("serialNumber").asText())) {
                return true;
            }
        }
        return false;
    }
}

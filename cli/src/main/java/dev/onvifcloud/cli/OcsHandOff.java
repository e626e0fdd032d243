package dev.onvifcloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The second half of the demo, over an Operational Cloud Service's HTTPS camera API as its owner: the share tokens
 * of every camera added in one request, then the camera list polled until each camera is connected to the OCS and its
 * identity verified, has failed, or has run out of time. Cameras the OCS had already (an earlier run) are only waited
 * for.
 */
final class OcsHandOff {

    /** The OCS's camera states after which nothing more happens by itself. */
    private static final Set<String> FINAL = Set.of("failed", "identity-mismatch", "removed");
    private static final String CONNECTED = "connected";
    /** What the summary table says of a camera that got through. */
    static final String THROUGH = "connected, verified";
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration QUIET = Duration.ofSeconds(5);

    private final ManagementClient ocs;
    private final Progress progress;
    private final Duration patience;

    OcsHandOff(ManagementClient ocs, Progress progress, Duration patience) {
        this.ocs = ocs;
        this.progress = progress;
        this.patience = patience;
    }

    /**
     * The serial numbers of the cameras the OCS has and is not done with (any state but failed, identity mismatch
     * or removed), each with the id of its latest such camera.
     */
    Map<String, String> activeCameras() throws IOException, InterruptedException {
        ManagementClient.Answer answer = ocs.cameras();
        if (!answer.is(200)) {
            throw new IOException("the OCS did not list its cameras: " + answer.status() + " " + answer.error());
        }
        Map<String, String> active = new HashMap<>();
        for (JsonNode camera : answer.body().path("cameras")) {
            if (!FINAL.contains(camera.path("state").asText())) {
                active.put(camera.path("serialNumber").asText(), camera.path("id").asText());
            }
        }
        return active;
    }

    /** One result per step, in step order; never throws for a camera that does not get through. */
    List<DemoCommand.Result> handOff(List<Onboarding.Step> steps, Map<String, String> onOcs)
            throws InterruptedException {
        Map<String, String> ids = new HashMap<>();
        Map<String, DemoCommand.Result> done = new HashMap<>();
        for (Onboarding.Step step : steps) {
            if (step.onOcs()) {
                ids.put(step.serialNumber(), onOcs.get(step.serialNumber()));
            } else if (!step.goesOn()) {
                done.put(step.serialNumber(), result(step, step.state(), false));
            }
        }
        add(steps, ids, done);
        waitForAll(steps, ids, done);
        return steps.stream().map(step -> done.get(step.serialNumber())).toList();
    }

    /** Adds the share tokens in one request. */
    private void add(List<Onboarding.Step> steps, Map<String, String> ids, Map<String, DemoCommand.Result> done)
            throws InterruptedException {
        List<Onboarding.Step> sharing = steps.stream().filter(step -> step.shareToken().isPresent()).toList();
        if (sharing.isEmpty()) {
            return;
        }
        ManagementClient.Answer answer;
        try {
            answer = ocs.addCameras(sharing.stream().map(step -> step.shareToken().orElseThrow()).toList());
        } catch (IOException e) {
            sharing.forEach(step -> done.put(step.serialNumber(), result(step, "not added to the OCS: " + e, false)));
            return;
        }
        if (!answer.is(200)) {
            String why = "not added to the OCS (" + answer.status() + " " + answer.error() + ")";
            sharing.forEach(step -> done.put(step.serialNumber(), result(step, why, false)));
            return;
        }
        progress.line(sharing.size() + " share token(s) added to the OCS in one request");
        for (JsonNode result : answer.body().path("results")) {
            Onboarding.Step step = sharing.get(result.path("index").asInt());
            if (result.has("camera")) {
                ids.put(step.serialNumber(), result.path("camera").path("id").asText());
            } else {
                String refusal = "refused by the OCS: " + result.path("refused").asText();
                progress.line(step.serialNumber() + ": " + refusal);
                done.put(step.serialNumber(), result(step, refusal, false));
            }
        }
    }

    /** Polls the OCS's camera list until every camera is through, failed or out of time. */
    private void waitForAll(List<Onboarding.Step> steps, Map<String, String> ids, Map<String, DemoCommand.Result> done)
            throws InterruptedException {
        Map<String, String> lastState = new LinkedHashMap<>();
        Instant lastLine = Instant.now();
        while (done.size() < steps.size()) {
            Optional<Map<String, String>> listed = states();
            if (listed.isEmpty()) {
                for (Onboarding.Step step : steps) {
                    if (!done.containsKey(step.serialNumber()) && Instant.now().isAfter(step.start().plus(patience))) {
                        done.put(step.serialNumber(), result(step, "OCS not answering, out of time", false));
                    }
                }
                Thread.sleep(POLL.toMillis());
                continue;
            }
            Map<String, String> states = listed.get();
            for (Onboarding.Step step : steps) {
                String serial = step.serialNumber();
                if (done.containsKey(serial)) {
                    continue;
                }
                String state = Optional.ofNullable(ids.get(serial)).map(states::get).orElse("unknown");
                if (!state.equals(lastState.put(serial, state))) {
                    progress.line(serial + ": " + (CONNECTED.equals(state) ? THROUGH : state) + " on the OCS");
                    lastLine = Instant.now();
                }
                if (CONNECTED.equals(state)) {
                    done.put(serial, result(step, THROUGH, true));
                } else if (FINAL.contains(state)) {
                    done.put(serial, result(step, state + " on the OCS", false));
                } else if (Instant.now().isAfter(step.start().plus(patience))) {
                    done.put(serial, result(step, state + " on the OCS, out of time", false));
                }
            }
            if (done.size() < steps.size()) {
                if (Duration.between(lastLine, Instant.now()).compareTo(QUIET) > 0) {
                    progress.line("waiting for " + (steps.size() - done.size())
                            + " camera(s) to connect to the OCS ...");
                    lastLine = Instant.now();
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    /** Camera id to state; empty when the OCS could not be asked this time. */
    private Optional<Map<String, String>> states() throws InterruptedException {
        try {
            ManagementClient.Answer answer = ocs.cameras();
            if (!answer.is(200)) {
                progress.line("the OCS did not list its cameras (" + answer.status() + "); asking again");
                return Optional.empty();
            }
            Map<String, String> states = new HashMap<>();
            for (JsonNode camera : answer.body().path("cameras")) {
                states.put(camera.path("id").asText(), camera.path("state").asText());
            }
            return Optional.of(states);
        } catch (IOException e) {
            progress.line("cannot list the OCS's cameras (" + e.getMessage() + "); asking again");
            return Optional.empty();
        }
    }

    private static DemoCommand.Result result(Onboarding.Step step, String state, boolean through) {
        return new DemoCommand.Result(step.index(), step.serialNumber(), state, through,
                Duration.between(step.start(), Instant.now()));
    }
}

package dev.onvifcloud.cloud.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

abstract class SharingOperationStoreContract extends StorageContract {

    private static StepProgress step(String name, int ordinal, StepStatus status, Map<String, String> created) {
        return new StepProgress(name, ordinal, status, created);
    }

    private Lease claimOne(String worker, Instant at) {
        List<SharingOperation> claimed = database.sharingOperations().claimDue(at, worker, LEASE, 1);
        assertThat(claimed).hasSize(1);
        return claimed.get(0).lease().orElseThrow();
    }

    // --- startDeviceSharing ---

    @Test
    void starts_every_operation_of_a_request_and_marks_its_tokens_used() {
        List<IssuedShareToken> tokens = tokens(2);
        SharingRequest request = request(List.of("jti-0", "jti-1"));

        List<SharingOperation> started = database.sharingOperations().start(request, NOW).value();

        assertThat(started).hasSize(2);
        for (int i = 0; i < 2; i++) {
            SharingOperation operation = started.get(i);
            assertThat(operation.id()).isEqualTo(request.operations().get(i).id());
            assertThat(operation.tokenJti()).isEqualTo("jti-" + i);
            assertThat(operation.deviceId()).isEqualTo(tokens.get(i).deviceId());
            assertThat(operation.mode()).isEqualTo(SharingMode.SHARE);
            assertThat(operation.requestId()).isEqualTo(request.requestId());
            assertThat(operation.deviceConfiguration()).isEqualTo("{\"shareToken\":\"jti-" + i + "\"}");
            assertThat(operation.state()).isEqualTo(SharingOperationState.IN_PROGRESS);
            assertThat(operation.attempts()).isZero();
            assertThat(operation.nextAttemptAt()).isEqualTo(NOW);
            assertThat(operation.lease()).isEmpty();
            assertThat(database.shareTokens().find("jti-" + i).orElseThrow().usedByOperation())
                    .contains(operation.id());
        }
        assertThat(database.sharingOperations().findByRequest(request.requestId()))
                .containsExactlyInAnyOrderElementsOf(started);
        assertThat(database.sharingOperations().findByShareToken("jti-1")).contains(started.get(1));
    }

    @Test
    void persists_nothing_of_a_request_when_one_token_is_used_already() {
        tokens(3);
        database.sharingOperations().start(request(List.of("jti-1")), NOW).value();
        SharingRequest request = request(List.of("jti-0", "jti-1", "jti-2"));

        Outcome<List<SharingOperation>, RefusedShareToken> outcome =
                database.sharingOperations().start(request, NOW.plusSeconds(1));

        assertThat(outcome.refusal()).contains(new RefusedShareToken(1, "jti-1", ShareTokenRefusal.ALREADY_USED));
        assertThat(database.sharingOperations().findByRequest(request.requestId())).isEmpty();
        assertThat(database.shareTokens().find("jti-0").orElseThrow().isUsed()).isFalse();
        assertThat(database.shareTokens().find("jti-2").orElseThrow().isUsed()).isFalse();
        assertThat(count("sharing_operations")).isEqualTo(1);
    }

    @Test
    void refuses_a_request_with_a_revoked_expired_or_unknown_token() {
        tokens(3);
        database.shareTokens().revoke("jti-1", NOW);

        assertThat(database.sharingOperations().start(request(List.of("jti-0", "jti-1")), NOW).refusal())
                .contains(new RefusedShareToken(1, "jti-1", ShareTokenRefusal.REVOKED));
        assertThat(database.sharingOperations().start(request(List.of("jti-2")), NOW.plus(Duration.ofHours(1)))
                .refusal()).contains(new RefusedShareToken(0, "jti-2", ShareTokenRefusal.EXPIRED));
        assertThat(database.sharingOperations().start(request(List.of("jti-0", "nope")), NOW).refusal())
                .contains(new RefusedShareToken(1, "nope", ShareTokenRefusal.UNKNOWN));
        assertThat(count("sharing_operations")).isZero();
        assertThat(database.shareTokens().find("jti-0").orElseThrow().isUsed()).isFalse();
    }

    @Test
    void undoes_only_the_refused_request_inside_a_larger_transaction() {
        tokens(2);
        database.shareTokens().revoke("jti-1", NOW);

        Outcome<List<SharingOperation>, RefusedShareToken> outcome = database.inTransaction(transaction -> {
            transaction.auditLog().append(new AuditEvent(NOW, "ocs", "startDeviceSharing.received", "request", ""));
            return transaction.sharingOperations().start(request(List.of("jti-0", "jti-1")), NOW);
        });

        assertThat(outcome.refusal()).isPresent();
        assertThat(count("audit_log")).isEqualTo(1);
        assertThat(count("sharing_operations")).isZero();
        assertThat(database.shareTokens().find("jti-0").orElseThrow().isUsed()).isFalse();
    }

    @Test
    void persists_nothing_when_the_enclosing_transaction_fails_after_starting() {
        tokens(1);

        assertThatThrownBy(() -> database.inTransaction(transaction -> {
            transaction.sharingOperations().start(request(List.of("jti-0")), NOW).value();
            throw new IllegalStateException("response could not be written");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(count("sharing_operations")).isZero();
        assertThat(database.shareTokens().find("jti-0").orElseThrow().isUsed()).isFalse();
    }

    @Test
    void rejects_an_operation_id_in_use_and_persists_nothing_of_the_request() {
        tokens(2);
        SharingOperation existing = database.sharingOperations().start(request(List.of("jti-0")), NOW).value().get(0);
        SharingRequest request = new SharingRequest(UUID.randomUUID(), SHA256,
                List.of(new NewSharingOperation(existing.id(), "jti-1", "{}")));

        assertThatThrownBy(() -> database.sharingOperations().start(request, NOW))
                .isInstanceOfSatisfying(StorageConstraintException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageConstraintException.Kind.UNIQUE);
                    assertThat(e.constraint()).contains("sharing_operations_pk");
                });
        assertThat(database.shareTokens().find("jti-1").orElseThrow().isUsed()).isFalse();
    }

    @Test
    void accepts_exactly_one_of_concurrent_requests_for_the_same_tokens() throws Exception {
        tokens(2);
        int threads = 4;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome<List<SharingOperation>, RefusedShareToken>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                // Half the requests list the tokens in the other order: locking must not deadlock.
                List<String> jtis = i % 2 == 0 ? List.of("jti-0", "jti-1") : List.of("jti-1", "jti-0");
                results.add(executor.submit(() -> {
                    start.await();
                    return database.sharingOperations().start(request(jtis), NOW);
                }));
            }
            start.countDown();
            int accepted = 0;
            for (Future<Outcome<List<SharingOperation>, RefusedShareToken>> result : results) {
                Outcome<List<SharingOperation>, RefusedShareToken> outcome = result.get(60, TimeUnit.SECONDS);
                if (outcome.isAccepted()) {
                    accepted++;
                } else {
                    assertThat(outcome.refusal().orElseThrow().reason()).isEqualTo(ShareTokenRefusal.ALREADY_USED);
                }
            }
            assertThat(accepted).isEqualTo(1);
            assertThat(count("sharing_operations")).isEqualTo(2);
        } finally {
            executor.shutdownNow();
        }
    }

    // --- the work queue ---

    @Test
    void claims_due_operations_under_a_lease_and_counts_the_attempt() {
        List<SharingOperation> operations = operations(3);

        List<SharingOperation> claimed = database.sharingOperations().claimDue(NOW, "worker-a", LEASE, 2);

        assertThat(claimed).hasSize(2).allSatisfy(operation -> {
            assertThat(operation.attempts()).isEqualTo(1);
            assertThat(operation.lease()).contains(new Lease(operation.id(), "worker-a", NOW.plus(LEASE)));
        });
        assertThat(database.sharingOperations().claimDue(NOW, "worker-b", LEASE, 10))
                .extracting(SharingOperation::id)
                .containsExactlyInAnyOrderElementsOf(operations.stream().map(SharingOperation::id)
                        .filter(id -> claimed.stream().noneMatch(c -> c.id().equals(id))).toList());
        assertThat(database.sharingOperations().claimDue(NOW, "worker-c", LEASE, 10)).isEmpty();
    }

    @Test
    void claims_nothing_before_it_is_due() {
        operations(1);

        assertThat(database.sharingOperations().claimDue(NOW.minusSeconds(1), "worker-a", LEASE, 10)).isEmpty();
    }

    @Test
    void rejects_a_claim_without_a_worker_a_positive_lease_or_a_limit() {
        assertThatThrownBy(() -> database.sharingOperations().claimDue(NOW, " ", LEASE, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> database.sharingOperations().claimDue(NOW, "w", Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> database.sharingOperations().claimDue(NOW, "w", LEASE, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void skips_operations_locked_by_a_claimer_whose_transaction_is_still_open() throws Exception {
        operations(4);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            List<UUID> other = database.inTransaction(transaction -> {
                List<SharingOperation> mine = transaction.sharingOperations().claimDue(NOW, "worker-a", LEASE, 2);
                assertThat(mine).hasSize(2);
                // Another connection claims while this transaction still holds its row locks: with SKIP LOCKED it
                // neither waits for them nor takes them.
                Future<List<SharingOperation>> theirs = executor.submit(
                        () -> database.sharingOperations().claimDue(NOW, "worker-b", LEASE, 10));
                List<UUID> theirIds;
                try {
                    theirIds = theirs.get(60, TimeUnit.SECONDS).stream().map(SharingOperation::id).toList();
                } catch (Exception e) {
                    throw new AssertionError("the second claimer did not return", e);
                }
                assertThat(theirIds).hasSize(2).doesNotContainAnyElementsOf(
                        mine.stream().map(SharingOperation::id).toList());
                return theirIds;
            });
            assertThat(other).hasSize(2);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void never_gives_one_operation_to_two_concurrent_claimers() throws Exception {
        int total = 24;
        operations(total);
        int threads = 4;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<UUID>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String worker = "worker-" + i;
                results.add(executor.submit(() -> {
                    start.await();
                    List<UUID> mine = new ArrayList<>();
                    List<SharingOperation> batch;
                    do {
                        batch = database.sharingOperations().claimDue(NOW, worker, LEASE, 3);
                        batch.forEach(operation -> mine.add(operation.id()));
                    } while (!batch.isEmpty());
                    return mine;
                }));
            }
            start.countDown();
            List<UUID> all = new ArrayList<>();
            for (Future<List<UUID>> result : results) {
                all.addAll(result.get(60, TimeUnit.SECONDS));
            }
            Set<UUID> distinct = new HashSet<>(all);
            assertThat(all).hasSize(total);
            assertThat(distinct).hasSize(total);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void lets_another_worker_take_over_once_a_lease_expired() {
        SharingOperation operation = operations(1).get(0);
        Lease a = claimOne("worker-a", NOW);

        assertThat(database.sharingOperations().claimDue(NOW.plus(LEASE).minusSeconds(1), "worker-b", LEASE, 1))
                .isEmpty();
        Lease b = claimOne("worker-b", NOW.plus(LEASE));

        assertThat(b.itemId()).isEqualTo(operation.id());
        assertThat(database.sharingOperations().find(operation.id()).orElseThrow().attempts()).isEqualTo(2);
        Instant later = NOW.plus(LEASE).plusSeconds(1);
        assertThat(database.sharingOperations().recordStep(a, step("UploadCertificate", 0, StepStatus.STARTED,
                Map.of()), later)).isEqualTo(StepRecording.LEASE_LOST);
        assertThat(database.sharingOperations().complete(a, later)).isFalse();
        assertThat(database.sharingOperations().retryLater(a, "x", later, later)).isFalse();
        assertThat(database.sharingOperations().renewLease(a, LEASE, later)).isEmpty();
        assertThat(database.sharingOperations().complete(b, later)).isTrue();
    }

    @Test
    void honours_an_expired_lease_that_no_other_worker_took_over() {
        operations(1);
        Lease lease = claimOne("worker-a", NOW);

        assertThat(database.sharingOperations().recordStep(lease,
                step("UploadCertificate", 0, StepStatus.STARTED, Map.of()), NOW.plus(LEASE).plusSeconds(5)))
                .isEqualTo(StepRecording.RECORDED);
    }

    @Test
    void renews_a_lease_still_held() {
        operations(1);
        Lease lease = claimOne("worker-a", NOW);

        Lease renewed = database.sharingOperations().renewLease(lease, LEASE, NOW.plusSeconds(20)).orElseThrow();

        assertThat(renewed).isEqualTo(new Lease(lease.itemId(), "worker-a", NOW.plusSeconds(20).plus(LEASE)));
        assertThat(database.sharingOperations().claimDue(NOW.plus(LEASE), "worker-b", LEASE, 1)).isEmpty();
        assertThat(database.sharingOperations().recordStep(renewed,
                step("UploadCertificate", 0, StepStatus.DONE, Map.of()), NOW.plus(LEASE)))
                .isEqualTo(StepRecording.RECORDED);
    }

    // --- steps ---

    @Test
    void records_a_step_idempotently_with_what_it_created_on_the_camera() {
        SharingOperation operation = operations(1).get(0);
        Lease lease = claimOne("worker-a", NOW);
        Map<String, String> created = Map.of("certificateId", "cert 1&2=3", "alias", "ocs-ca-ü");
        SharingOperationStore store = database.sharingOperations();

        assertThat(store.recordStep(lease, step("UploadCertificate", 0, StepStatus.STARTED, Map.of()), NOW))
                .isEqualTo(StepRecording.RECORDED);
        assertThat(store.recordStep(lease, step("UploadCertificate", 0, StepStatus.STARTED, Map.of()), NOW))
                .isEqualTo(StepRecording.ALREADY_RECORDED);
        assertThat(store.recordStep(lease, step("UploadCertificate", 0, StepStatus.DONE, created), NOW.plusSeconds(1)))
                .isEqualTo(StepRecording.RECORDED);
        assertThat(store.recordStep(lease, step("UploadCertificate", 0, StepStatus.DONE,
                Map.of("certificateId", "other")), NOW.plusSeconds(2))).isEqualTo(StepRecording.ALREADY_RECORDED);
        assertThat(store.recordStep(lease, step("UploadCertificate", 0, StepStatus.STARTED, Map.of()), NOW))
                .isEqualTo(StepRecording.OUT_OF_ORDER);

        assertThat(store.steps(operation.id())).containsExactly(new OperationStep(operation.id(), "UploadCertificate",
                0, StepStatus.DONE, created, NOW, java.util.Optional.of(NOW.plusSeconds(1)), java.util.Optional.empty()));
        assertThat(store.find(operation.id()).orElseThrow().currentStep()).contains("UploadCertificate");
        assertThat(count("operation_steps")).isEqualTo(1);
    }

    @Test
    void resumes_after_a_restart_with_the_steps_recorded_before_the_crash() {
        SharingOperation operation = operations(1).get(0);
        Lease lease = claimOne("worker-a", NOW);
        SharingOperationStore store = database.sharingOperations();
        store.recordStep(lease, step("UploadCertificate", 0, StepStatus.DONE, Map.of("certificateId", "c-1")), NOW);
        store.recordStep(lease, step("CreateECCKeyPair", 1, StepStatus.STARTED, Map.of("keyAlias", "ocs-key")), NOW);

        restart();

        List<SharingOperation> resumed =
                database.sharingOperations().claimDue(NOW.plus(LEASE), "worker-b", LEASE, 10);
        assertThat(resumed).extracting(SharingOperation::id).containsExactly(operation.id());
        assertThat(database.sharingOperations().steps(operation.id()))
                .extracting(OperationStep::name, OperationStep::status, OperationStep::createdOnCamera)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("UploadCertificate", StepStatus.DONE,
                                Map.of("certificateId", "c-1")),
                        org.assertj.core.groups.Tuple.tuple("CreateECCKeyPair", StepStatus.STARTED,
                                Map.of("keyAlias", "ocs-key")));
    }

    @Test
    void compensates_steps_and_merges_what_they_created() {
        SharingOperation operation = operations(1).get(0);
        Lease lease = claimOne("worker-a", NOW);
        SharingOperationStore store = database.sharingOperations();
        store.recordStep(lease, step("CreateECCKeyPair", 1, StepStatus.STARTED, Map.of("keyAlias", "k")), NOW);
        store.recordStep(lease, step("CreateECCKeyPair", 1, StepStatus.DONE, Map.of("keyId", "key-9")), NOW);

        assertThat(store.compensate(lease, "CreatePKCS10CSR failed: ter:KeyGenerationFailed", NOW)).isTrue();
        assertThat(store.recordStep(lease, step("CreateECCKeyPair", 1, StepStatus.COMPENSATED, Map.of()),
                NOW.plusSeconds(3))).isEqualTo(StepRecording.RECORDED);
        assertThat(store.fail(lease, "configuration failed", NOW.plusSeconds(4))).isTrue();

        OperationStep compensated = store.steps(operation.id()).get(0);
        assertThat(compensated.createdOnCamera()).isEqualTo(Map.of("keyAlias", "k", "keyId", "key-9"));
        assertThat(compensated.compensatedAt()).contains(NOW.plusSeconds(3));
        SharingOperation failed = store.find(operation.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(SharingOperationState.FAILED);
        assertThat(failed.failureReason()).contains("configuration failed");
        assertThat(failed.lease()).isEmpty();
        assertThat(store.claimDue(NOW.plus(Duration.ofDays(1)), "worker-b", LEASE, 10)).isEmpty();
    }

    @Test
    void records_a_step_done_the_next_started_their_audit_and_a_renewed_lease_in_one_call() {
        SharingOperation operation = operations(1).get(0);
        Lease lease = claimOne("worker-a", NOW);
        SharingOperationStore store = database.sharingOperations();
        store.recordStep(lease, step("UploadCertificate:0", 0, StepStatus.STARTED, Map.of()), NOW);
        AuditEvent audit = new AuditEvent(NOW.plusSeconds(2), "worker-a", "sharing.step.done",
                operation.id().toString(), "UploadCertificate:0 {certificateId=c-1}");

        java.util.Optional<Lease> renewed = store.recordSteps(lease, List.of(
                step("UploadCertificate:0", 0, StepStatus.DONE, Map.of("certificateId", "c-1")),
                step("CreateECCKeyPair", 1, StepStatus.STARTED, Map.of())), List.of(audit), LEASE, NOW.plusSeconds(2));

        assertThat(renewed).contains(new Lease(operation.id(), "worker-a", NOW.plusSeconds(2).plus(LEASE)));
        assertThat(store.steps(operation.id()))
                .extracting(OperationStep::name, OperationStep::status, OperationStep::createdOnCamera)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("UploadCertificate:0", StepStatus.DONE,
                                Map.of("certificateId", "c-1")),
                        org.assertj.core.groups.Tuple.tuple("CreateECCKeyPair", StepStatus.STARTED, Map.of()));
        SharingOperation recorded = store.find(operation.id()).orElseThrow();
        assertThat(recorded.currentStep()).contains("CreateECCKeyPair");
        assertThat(recorded.lease()).isEqualTo(renewed);
        assertThat(database.auditLog().find(AuditQuery.first(10).withSubject(operation.id().toString())))
                .extracting(AuditEntry::event).containsExactly(audit);
        assertThat(store.claimDue(NOW.plus(LEASE), "worker-b", LEASE, 1)).as("held by the renewed lease").isEmpty();
        assertThat(store.recordStep(lease, step("CreateECCKeyPair", 1, StepStatus.DONE, Map.of()), NOW.plusSeconds(3)))
                .as("the lease before the renewal").isEqualTo(StepRecording.LEASE_LOST);
    }

    @Test
    void a_fenced_worker_records_neither_steps_nor_audit_nor_a_renewal() {
        SharingOperation operation = operations(1).get(0);
        Lease a = claimOne("worker-a", NOW);
        SharingOperationStore store = database.sharingOperations();
        store.recordStep(a, step("UploadCertificate:0", 0, StepStatus.STARTED, Map.of()), NOW);
        Lease b = claimOne("worker-b", NOW.plus(LEASE));
        SharingOperation before = store.find(operation.id()).orElseThrow();
        long auditBefore = count("audit_log");

        java.util.Optional<Lease> refused = store.recordSteps(a, List.of(
                step("UploadCertificate:0", 0, StepStatus.DONE, Map.of("certificateId", "c-1")),
                step("CreateECCKeyPair", 1, StepStatus.STARTED, Map.of())),
                List.of(new AuditEvent(NOW.plus(LEASE), "worker-a", "sharing.step.done", operation.id().toString(),
                        "UploadCertificate:0")), LEASE, NOW.plus(LEASE).plusSeconds(1));

        assertThat(refused).isEmpty();
        assertThat(store.steps(operation.id())).extracting(OperationStep::name, OperationStep::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("UploadCertificate:0", StepStatus.STARTED));
        assertThat(count("audit_log")).isEqualTo(auditBefore);
        assertThat(store.find(operation.id()).orElseThrow()).isEqualTo(before);
        assertThat(store.find(operation.id()).orElseThrow().lease()).contains(b);
        assertThat(store.recordSteps(a, List.of(), List.of(), LEASE, NOW.plus(LEASE).plusSeconds(2)))
                .as("a renewal alone").isEmpty();
    }

    @Test
    void records_nothing_for_a_worker_whose_operation_ended() {
        SharingOperation operation = operations(1).get(0);
        Lease lease = claimOne("worker-a", NOW);
        SharingOperationStore store = database.sharingOperations();
        assertThat(store.complete(lease, NOW.plusSeconds(1))).isTrue();

        assertThat(store.recordSteps(lease, List.of(step("SetUplink:0", 7, StepStatus.STARTED, Map.of())), List.of(),
                LEASE, NOW.plusSeconds(2))).isEmpty();
        assertThat(store.steps(operation.id())).isEmpty();
        assertThat(store.find(operation.id()).orElseThrow().lease()).isEmpty();
    }

    @Test
    void records_steps_idempotently_and_leaves_an_operation_alone_when_nothing_changes() {
        SharingOperation operation = operations(1).get(0);
        Lease lease = claimOne("worker-a", NOW);
        SharingOperationStore store = database.sharingOperations();
        Lease renewed = store.recordSteps(lease, List.of(
                step("UploadCertificate:0", 0, StepStatus.DONE, Map.of("certificateId", "c-1")),
                step("CreateECCKeyPair", 1, StepStatus.STARTED, Map.of())), List.of(), LEASE, NOW.plusSeconds(1))
                .orElseThrow();
        SharingOperation before = store.find(operation.id()).orElseThrow();

        assertThat(store.recordStep(renewed, step("UploadCertificate:0", 0, StepStatus.STARTED, Map.of()),
                NOW.plusSeconds(5))).isEqualTo(StepRecording.OUT_OF_ORDER);
        assertThat(store.recordStep(renewed, step("CreateECCKeyPair", 1, StepStatus.STARTED, Map.of()),
                NOW.plusSeconds(5))).isEqualTo(StepRecording.ALREADY_RECORDED);
        assertThat(store.find(operation.id()).orElseThrow()).isEqualTo(before);

        Lease again = store.recordSteps(renewed, List.of(
                step("UploadCertificate:0", 0, StepStatus.DONE, Map.of("certificateId", "other")),
                step("CreateECCKeyPair", 1, StepStatus.DONE, Map.of("keyId", "k-1"))), List.of(), LEASE,
                NOW.plusSeconds(6)).orElseThrow();

        assertThat(again.until()).isEqualTo(NOW.plusSeconds(6).plus(LEASE));
        assertThat(store.steps(operation.id())).extracting(OperationStep::createdOnCamera)
                .containsExactly(Map.of("certificateId", "c-1"), Map.of("keyId", "k-1"));
        assertThat(store.find(operation.id()).orElseThrow().currentStep()).contains("CreateECCKeyPair");
    }

    @Test
    void rejects_recording_one_step_twice_in_one_call() {
        operations(1);
        Lease lease = claimOne("worker-a", NOW);

        assertThatThrownBy(() -> database.sharingOperations().recordSteps(lease, List.of(
                step("UploadCertificate:0", 0, StepStatus.STARTED, Map.of()),
                step("UploadCertificate:0", 0, StepStatus.DONE, Map.of())), List.of(), LEASE, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(count("operation_steps")).isZero();
    }

    // --- ending ---

    @Test
    void completes_an_operation_and_queues_its_notification_in_one_transaction() {
        SharingOperation operation = operations(1).get(0);
        Lease lease = claimOne("worker-a", NOW);

        boolean completed = database.inTransaction(transaction -> {
            boolean done = transaction.sharingOperations().complete(lease, NOW.plusSeconds(9));
            transaction.notifications().enqueue(new NewNotification(UUID.randomUUID(), operation.id(),
                    List.of(URI.create("https://ocs.example.com/deviceSharingCompleted")), "{}"),
                    RetrySchedule.STANDARD, NOW.plusSeconds(9));
            return done;
        });

        assertThat(completed).isTrue();
        SharingOperation done = database.sharingOperations().find(operation.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(SharingOperationState.COMPLETED);
        assertThat(done.lease()).isEmpty();
        assertThat(database.notifications().findByOperation(operation.id())).isPresent();
        assertThat(database.sharingOperations().complete(lease, NOW.plusSeconds(10))).isFalse();
        assertThat(database.sharingOperations().claimDue(NOW.plus(Duration.ofDays(1)), "w", LEASE, 10)).isEmpty();
    }

    @Test
    void completes_neither_a_compensating_operation_nor_compensates_twice() {
        operations(1);
        Lease lease = claimOne("worker-a", NOW);
        SharingOperationStore store = database.sharingOperations();

        assertThat(store.compensate(lease, "step failed", NOW)).isTrue();
        assertThat(store.compensate(lease, "again", NOW)).isFalse();
        assertThat(store.complete(lease, NOW)).isFalse();
    }

    @Test
    void retries_later_with_the_reason_and_a_new_attempt() {
        SharingOperation operation = operations(1).get(0);
        Lease lease = claimOne("worker-a", NOW);
        Instant retryAt = NOW.plus(Duration.ofMinutes(5));

        assertThat(database.sharingOperations().retryLater(lease, "camera not connected", retryAt, NOW)).isTrue();

        SharingOperation waiting = database.sharingOperations().find(operation.id()).orElseThrow();
        assertThat(waiting.lease()).isEmpty();
        assertThat(waiting.nextAttemptAt()).isEqualTo(retryAt);
        assertThat(waiting.failureReason()).contains("camera not connected");
        assertThat(database.sharingOperations().claimDue(retryAt.minusSeconds(1), "worker-b", LEASE, 1)).isEmpty();
        assertThat(database.sharingOperations().claimDue(retryAt, "worker-b", LEASE, 1))
                .singleElement().extracting(SharingOperation::attempts).isEqualTo(2);
    }

    @Test
    void shortens_a_very_long_failure_reason() {
        SharingOperation operation = operations(1).get(0);
        Lease lease = claimOne("worker-a", NOW);

        database.sharingOperations().fail(lease, "x".repeat(5000), NOW);

        assertThat(database.sharingOperations().find(operation.id()).orElseThrow().failureReason().orElseThrow())
                .hasSize(1000).endsWith("...");
    }

    // --- transfer, un-share, wake-up ---

    /** A COMPLETED operation of {@code mode} on a new camera of a new owner. */
    private SharingOperation completed(SharingMode mode, String serialNumber) {
        Account owner = account("owner-" + serialNumber);
        Device device = claimedDevice(serialNumber, owner);
        String jti = "jti-" + serialNumber;
        shareToken(jti, device, owner, mode);
        SharingOperation operation = database.sharingOperations().start(request(List.of(jti)), NOW).value().get(0);
        Lease lease = database.sharingOperations().claimDue(NOW, "worker-a", LEASE, 10).stream()
                .filter(claimed -> claimed.id().equals(operation.id())).findFirst().orElseThrow().lease().orElseThrow();
        assertThat(database.sharingOperations().complete(lease, NOW)).isTrue();
        return database.sharingOperations().find(operation.id()).orElseThrow();
    }

    @Test
    void a_confirmed_transfer_is_due_for_a_worker_and_ends_with_its_camera_transferred() {
        SharingOperation operation = completed(SharingMode.TRANSFER, "SN-T");
        SharingOperationStore store = database.sharingOperations();

        assertThat(store.confirm(operation.id(), NOW.plusSeconds(5))).isTrue();
        assertThat(store.confirm(operation.id(), NOW.plusSeconds(6))).isFalse();

        List<SharingOperation> claimed = store.claimDue(NOW.plusSeconds(5), "worker-b", LEASE, 10);
        assertThat(claimed).extracting(SharingOperation::state).containsExactly(SharingOperationState.TRANSFERRING);
        Lease lease = claimed.get(0).lease().orElseThrow();
        assertThat(store.transferred(lease, java.util.Optional.of("REMOVAL_INCOMPLETE: key-1"), NOW.plusSeconds(7)))
                .isTrue();
        assertThat(store.transferred(lease, java.util.Optional.empty(), NOW.plusSeconds(8))).isFalse();

        SharingOperation transferred = store.find(operation.id()).orElseThrow();
        assertThat(transferred.state()).isEqualTo(SharingOperationState.TRANSFERRED);
        assertThat(transferred.lease()).isEmpty();
        assertThat(transferred.failureReason()).contains("REMOVAL_INCOMPLETE: key-1");
        assertThat(database.devices().find(operation.deviceId()).orElseThrow().state())
                .isEqualTo(DeviceState.TRANSFERRED);
        assertThat(store.claimDue(NOW.plus(Duration.ofDays(1)), "w", LEASE, 10)).isEmpty();
    }

    @Test
    void ends_neither_a_transfer_nor_an_unshare_for_a_worker_that_lost_its_lease() {
        SharingOperationStore store = database.sharingOperations();
        SharingOperation transfer = completed(SharingMode.TRANSFER, "SN-FT");
        SharingOperation share = completed(SharingMode.SHARE, "SN-FS");
        assertThat(store.confirm(transfer.id(), NOW)).isTrue();
        assertThat(store.unshare(share.id(), NOW).isAccepted()).isTrue();
        List<Lease> lost = store.claimDue(NOW, "worker-a", LEASE, 10).stream()
                .map(operation -> operation.lease().orElseThrow()).toList();
        assertThat(lost).hasSize(2);
        assertThat(store.claimDue(NOW.plus(LEASE), "worker-b", LEASE, 10)).hasSize(2);

        for (Lease lease : lost) {
            assertThat(store.transferred(lease, java.util.Optional.empty(), NOW.plus(LEASE))).isFalse();
            assertThat(store.unshared(lease, java.util.Optional.empty(), NOW.plus(LEASE))).isFalse();
        }
        assertThat(store.find(transfer.id()).orElseThrow().state()).isEqualTo(SharingOperationState.TRANSFERRING);
        assertThat(store.find(share.id()).orElseThrow().state()).isEqualTo(SharingOperationState.UNSHARING);
        assertThat(database.devices().find(transfer.deviceId()).orElseThrow().state()).isEqualTo(DeviceState.CLAIMED);
    }

    @Test
    void confirms_neither_a_share_nor_a_transfer_still_in_progress() {
        SharingOperation share = completed(SharingMode.SHARE, "SN-S");
        assertThat(database.sharingOperations().confirm(share.id(), NOW)).isFalse();
        assertThat(database.sharingOperations().find(share.id()).orElseThrow().state())
                .isEqualTo(SharingOperationState.COMPLETED);

        Account owner = account("owner-p");
        shareToken("jti-p", claimedDevice("SN-P", owner), owner, SharingMode.TRANSFER);
        SharingOperation inProgress = database.sharingOperations().start(request(List.of("jti-p")), NOW).value().get(0);
        assertThat(database.sharingOperations().confirm(inProgress.id(), NOW)).isFalse();
    }

    @Test
    void unshares_a_completed_share_once_and_ends_it_unshared() {
        SharingOperation operation = completed(SharingMode.SHARE, "SN-U");
        SharingOperationStore store = database.sharingOperations();

        assertThat(store.unshare(operation.id(), NOW.plusSeconds(1)).value().state())
                .isEqualTo(SharingOperationState.UNSHARING);
        assertThat(store.unshare(operation.id(), NOW.plusSeconds(2)).refusal())
                .contains(UnsharingRefusal.ALREADY_UNSHARED);

        Lease lease = claimOne("worker-b", NOW.plusSeconds(1));
        assertThat(store.unshared(lease, java.util.Optional.empty(), NOW.plusSeconds(3))).isTrue();
        assertThat(store.find(operation.id()).orElseThrow().state()).isEqualTo(SharingOperationState.UNSHARED);
        assertThat(store.unshare(operation.id(), NOW.plusSeconds(4)).refusal())
                .contains(UnsharingRefusal.ALREADY_UNSHARED);
    }

    @Test
    void refuses_to_unshare_an_unknown_operation_one_in_progress_a_transfer_or_one_of_a_transferred_camera() {
        SharingOperationStore store = database.sharingOperations();
        assertThat(store.unshare(UUID.randomUUID(), NOW).refusal()).contains(UnsharingRefusal.UNKNOWN);

        SharingOperation inProgress = operations(1).get(0);
        assertThat(store.unshare(inProgress.id(), NOW).refusal()).contains(UnsharingRefusal.NOT_COMPLETED);

        SharingOperation transfer = completed(SharingMode.TRANSFER, "SN-X");
        assertThat(store.unshare(transfer.id(), NOW).refusal()).contains(UnsharingRefusal.TRANSFER);

        SharingOperation share = completed(SharingMode.SHARE, "SN-Y");
        assertThat(database.devices().markTransferred(share.deviceId(), NOW)).isTrue();
        assertThat(store.unshare(share.id(), NOW).refusal()).contains(UnsharingRefusal.DEVICE_NOT_CLAIMED);
        assertThat(store.find(share.id()).orElseThrow().state()).isEqualTo(SharingOperationState.COMPLETED);
    }

    @Test
    void makes_the_waiting_operations_of_a_camera_due_but_not_those_leased_or_of_other_cameras() {
        SharingOperationStore store = database.sharingOperations();
        SharingOperation other = completed(SharingMode.SHARE, "SN-O");
        store.unshare(other.id(), NOW);
        assertThat(store.claimDue(NOW, "worker-c", LEASE, 1)).hasSize(1); // the other camera's, now held
        List<SharingOperation> started = operations(2);
        List<SharingOperation> claimed = store.claimDue(NOW, "worker-a", LEASE, 2);
        assertThat(claimed).hasSize(2);
        Lease waiting = claimed.get(0).lease().orElseThrow();
        assertThat(store.retryLater(waiting, "CAMERA_OFFLINE", NOW.plus(Duration.ofHours(1)), NOW)).isTrue();

        assertThat(store.makeDue(started.get(0).deviceId(), NOW.plusSeconds(1))).isEqualTo(1);

        assertThat(store.claimDue(NOW.plusSeconds(1), "worker-b", LEASE, 10)).extracting(SharingOperation::id)
                .containsExactly(waiting.itemId());
        assertThat(store.findByDevice(started.get(0).deviceId())).extracting(SharingOperation::id)
                .containsExactlyInAnyOrderElementsOf(started.stream().map(SharingOperation::id).toList());
    }
}

package dev.onvifcloud.cloud.notification;

import dev.onvifcloud.cloud.provisioning.OutboundAddressPolicy;
import dev.onvifcloud.cloud.storage.Account;
import dev.onvifcloud.cloud.storage.ClaimCodeHash;
import dev.onvifcloud.cloud.storage.Database;
import dev.onvifcloud.cloud.storage.DatabaseSettings;
import dev.onvifcloud.cloud.storage.Device;
import dev.onvifcloud.cloud.storage.DeviceInformation;
import dev.onvifcloud.cloud.storage.NewSharingOperation;
import dev.onvifcloud.cloud.storage.NewShareToken;
import dev.onvifcloud.cloud.storage.RetrySchedule;
import dev.onvifcloud.cloud.storage.SharingMode;
import dev.onvifcloud.cloud.storage.SharingOperation;
import dev.onvifcloud.cloud.storage.SharingRequest;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.testing.SettableClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A database with claimed cameras and sharing operations to notify about, the run's development PKI, a
 * stand-in OCS certificate for {@code ocs.test}, and address policies whose resolver maps {@code ocs.test}
 * (and only it) to 127.0.0.1.
 */
public final class NotificationWorld implements AutoCloseable {

    public static final String CLAIM_CODE = "claim-code-1";
    /** 10 s doubling to 40 s, dead after 2 minutes, half of each delay random. */
    public static final JitteredSchedule SHORT = new JitteredSchedule(
            new RetrySchedule(Duration.ofSeconds(10), 2.0, Duration.ofSeconds(40), Duration.ofMinutes(2)), 0.5);

    private static final AtomicInteger SERIALS = new AtomicInteger();

    public final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    public final DevelopmentPki pki = DevelopmentPki.generate(Clock.systemUTC());
    public final IssuedCredential ocsCredential =
            pki.issueServerCertificate("ocs.test", List.of("ocs.test"), List.of("127.0.0.1"));
    public final Database database;
    public final Account owner;
    private final ClaimCodeHash claimCode = ClaimCodeHash.of(CLAIM_CODE, new SecureRandom());

    public NotificationWorld(Path directory) {
        database = Database.open(DatabaseSettings.h2(directory));
        owner = database.accounts().create("owner-" + UUID.randomUUID(), clock.instant());
    }

    /** 127.0.0.1 allowed, {@code ocs.test} resolving to it. */
    public OutboundAddressPolicy loopbackAllowed() {
        return OutboundAddressPolicy.builder().allow("127.0.0.1/32").resolver(NotificationWorld::resolve).build();
    }

    /** What production runs, with the same resolver: 127.0.0.1 is refused. */
    public OutboundAddressPolicy strict() {
        return OutboundAddressPolicy.builder().resolver(NotificationWorld::resolve).build();
    }

    private static List<InetAddress> resolve(String host) throws UnknownHostException {
        if (host.equals("ocs.test")) {
            return List.of(InetAddress.getByAddress("ocs.test", new byte[] {127, 0, 0, 1}));
        }
        if (host.equals("127.0.0.1")) {
            return List.of(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        }
        throw new UnknownHostException("unknown in tests");
    }

    public DeviceSharingCompletedNotifier.Builder notifier(JitteredSchedule schedule) {
        return DeviceSharingCompletedNotifier.builder()
                .storage(database)
                .addressPolicy(loopbackAllowed())
                .clock(clock)
                .trustAnchors(List.of(pki.localCaCertificate()))
                .settings(NotifierSettings.defaults()
                        .withSchedule(schedule)
                        .withPollInterval(Duration.ofMillis(50))
                        .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20)));
    }

    /** A camera claimed by {@code owner}. */
    public Device claimedDevice(UUID ownerId) {
        String serialNumber = "SN-" + SERIALS.incrementAndGet() + "-" + System.nanoTime();
        database.devices().recordSeen(
                new DeviceInformation("Acme", "Cam-1", "1.0", serialNumber, "hw-1"), clock.instant());
        database.devices().setClaimCode(serialNumber, claimCode);
        return database.devices().claim(serialNumber, CLAIM_CODE, ownerId, clock.instant()).value();
    }

    /** A sharing operation on a new camera of {@code owner}, as {@code startDeviceSharing} leaves it. */
    public SharingOperation operation() {
        return operation(claimedDevice(owner.id()), owner.id());
    }

    public SharingOperation operation(Device device, UUID ownerId) {
        String jti = UUID.randomUUID().toString();
        Instant now = clock.instant();
        database.shareTokens().record(new NewShareToken(jti, device.id(), ownerId, SharingMode.SHARE, now,
                now.plus(Duration.ofHours(1))));
        SharingRequest request = new SharingRequest(UUID.randomUUID(), "0".repeat(64),
                List.of(new NewSharingOperation(UUID.randomUUID(), jti, "{\"stored\":true}")));
        return database.sharingOperations().start(request, now).value().get(0);
    }

    @Override
    public void close() {
        database.close();
    }
}

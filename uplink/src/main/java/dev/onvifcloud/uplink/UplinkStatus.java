package dev.onvifcloud.uplink;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Status of one uplink as GetUplinks reports it: {@code Status} and the optional, human-readable
 * {@code Error}. The error stays visible while reconnecting, until a connection succeeds.
 *
 * @param status the connection status
 * @param error  the last error, empty after a successful connection
 * @param since  when this status was entered
 */
public record UplinkStatus(ConnectionStatus status, Optional<String> error, Instant since) {

    public UplinkStatus {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(since, "since");
    }

    public static UplinkStatus offline(Instant since) {
        return new UplinkStatus(ConnectionStatus.Offline, Optional.empty(), since);
    }
}

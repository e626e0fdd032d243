package dev.onvifcloud.device.service;

import dev.onvifcloud.device.DeviceLimits;
import dev.onvifcloud.device.ServiceFault;
import dev.onvifcloud.device.soap.RequestContext;
import dev.onvifcloud.device.soap.ServiceImplementation;
import dev.onvifcloud.device.state.DeviceStore;
import dev.onvifcloud.device.state.StoredKey;
import dev.onvifcloud.device.uplink.Uplinks;
import dev.onvifcloud.soap.IncomingRequest;
import dev.onvifcloud.soap.OnvifService;
import dev.onvifcloud.soap.SoapFault;
import dev.onvifcloud.soap.SoapResponse;
import dev.onvifcloud.soap.Ter;
import dev.onvifcloud.soap.security.CertPathValidationPolicyID;
import dev.onvifcloud.soap.security.CertificateID;
import dev.onvifcloud.soap.uplink.Capabilities;
import dev.onvifcloud.soap.uplink.ConnectionStatus;
import dev.onvifcloud.soap.uplink.DeleteUplink;
import dev.onvifcloud.soap.uplink.DeleteUplinkResponse;
import dev.onvifcloud.soap.uplink.GetServiceCapabilities;
import dev.onvifcloud.soap.uplink.GetServiceCapabilitiesResponse;
import dev.onvifcloud.soap.uplink.GetUplinks;
import dev.onvifcloud.soap.uplink.GetUplinksResponse;
import dev.onvifcloud.soap.uplink.SetUplink;
import dev.onvifcloud.soap.uplink.SetUplinkResponse;
import dev.onvifcloud.soap.uplink.UplinkConfiguration;
import dev.onvifcloud.uplink.UplinkStatus;
import dev.onvifcloud.uplink.UserLevel;
import dev.onvifcloud.uplink.device.RemoteAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The uplink service (tup): the uplink configurations, keyed by RemoteAddress, with the live Status and Error of
 * their connectors. The {@link Uplinks} follow every change of the state.
 */
public final class UplinkService implements ServiceImplementation {

    private final DeviceStore store;
    private final Uplinks uplinks;
    private final DeviceLimits limits;

    public UplinkService(DeviceStore store, Uplinks uplinks, DeviceLimits limits) {
        this.store = Objects.requireNonNull(store, "store");
        this.uplinks = Objects.requireNonNull(uplinks, "uplinks");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public OnvifService service() {
        return OnvifService.UPLINK;
    }

    /** tup:Capabilities as signalled. */
    public Capabilities capabilities() {
        return Capabilities.of(limits.maxUplinks(), List.of("https", "wss"), List.of("mTLS", "AccessToken"), false);
    }

    @Override
    public CompletionStage<? extends SoapResponse> handle(IncomingRequest incoming, RequestContext context)
            throws ServiceFault {
        Object request = incoming.request();
        if (request instanceof GetServiceCapabilities) {
            return CompletableFuture.completedFuture(new GetServiceCapabilitiesResponse(capabilities()));
        } else if (request instanceof GetUplinks) {
            return CompletableFuture.completedFuture(new GetUplinksResponse(store.state().uplinks().values().stream()
                    .map(this::withStatus).toList()));
        } else if (request instanceof SetUplink r) {
            return CompletableFuture.completedFuture(setUplink(r.configuration()));
        } else if (request instanceof DeleteUplink r) {
            return CompletableFuture.completedFuture(deleteUplink(r.remoteAddress()));
        }
        throw new ServiceFault(SoapFault.receiver("The operation is not implemented", Ter.ACTION_NOT_SUPPORTED));
    }

    private UplinkConfiguration withStatus(UplinkConfiguration configuration) {
        UplinkStatus status = uplinks.status(configuration.remoteAddress());
        return new UplinkConfiguration(configuration.remoteAddress(), configuration.certificateID(),
                configuration.userLevel(), Optional.of(ConnectionStatus.valueOf(status.status().name())),
                configuration.certPathValidationPolicyID(), configuration.authorizationServer(), status.error());
    }

    private SetUplinkResponse setUplink(UplinkConfiguration requested) throws ServiceFault {
        try {
            RemoteAddress.parse(requested.remoteAddress().toString());
        } catch (IllegalArgumentException e) {
            throw ServiceFault.invalidArgs(Ter.PROTOCOL_NOT_SUPPORTED, "The RemoteAddress cannot be used");
        }
        if (requested.userLevel().isEmpty() || !requested.userLevel().stream().allMatch(UplinkService::isUserLevel)) {
            throw ServiceFault.invalidArgVal(Ter.of("UserLevel"),
                    "UserLevel must be Administrator, Operator or User");
        }
        UplinkConfiguration configuration = new UplinkConfiguration(normalized(requested.remoteAddress()),
                requested.certificateID(), requested.userLevel(), Optional.empty(),
                requested.certPathValidationPolicyID(), requested.authorizationServer(), Optional.empty());
        return store.update(state -> {
            if (configuration.certificateID().isPresent()) {
                CertificateID id = certificateId(configuration.certificateID().get());
                boolean usable = state.certificate(id)
                        .flatMap(c -> state.key(c.keyId())).flatMap(StoredKey::privateKey).isPresent();
                if (!usable) {
                    throw ServiceFault.invalidArgVal(Ter.CERTIFICATE_ID,
                            "No certificate with a private key is stored under the CertificateID");
                }
            }
            if (configuration.certPathValidationPolicyID().isPresent()) {
                boolean known;
                try {
                    known = state.certPathValidationPolicy(new CertPathValidationPolicyID(
                            configuration.certPathValidationPolicyID().get())).isPresent();
                } catch (IllegalArgumentException e) {
                    known = false;
                }
                if (!known) {
                    throw ServiceFault.invalidArgVal(Ter.CERT_PATH_VALIDATION_POLICY_ID,
                            "No certification path validation policy is stored under the ID");
                }
            }
            if (configuration.authorizationServer().isPresent()
                    && state.authorizationServer(configuration.authorizationServer().get()).isEmpty()) {
                throw ServiceFault.invalidArgVal(Ter.AUTHORIZATION_SERVER_CONFIGURATION_TOKEN,
                        "No authorization server configuration exists for the token");
            }
            if (!state.uplinks().containsKey(configuration.remoteAddress())
                    && state.uplinks().size() >= limits.maxUplinks()) {
                throw ServiceFault.action(Ter.of("MaxUplinks"), "The maximum number of uplinks is configured");
            }
            return new DeviceStore.Result<>(state.withUplink(configuration), new SetUplinkResponse());
        });
    }

    private DeleteUplinkResponse deleteUplink(URI remoteAddress) throws ServiceFault {
        URI key = normalizedOrSame(remoteAddress);
        return store.update(state -> {
            if (!state.uplinks().containsKey(key)) {
                throw ServiceFault.invalidArgVal(Ter.ADDRESS, "No uplink exists for the address");
            }
            return new DeviceStore.Result<>(state.withoutUplink(key), new DeleteUplinkResponse());
        });
    }

    private static CertificateID certificateId(String value) throws ServiceFault {
        try {
            return new CertificateID(value);
        } catch (IllegalArgumentException e) {
            throw ServiceFault.invalidArgVal(Ter.CERTIFICATE_ID, "The CertificateID is not valid");
        }
    }

    private static boolean isUserLevel(String level) {
        return Arrays.stream(UserLevel.values()).anyMatch(l -> l.name().equals(level));
    }

    /** The key of an uplink: the RemoteAddress with a lower-case scheme and host. */
    static URI normalized(URI address) {
        return URI.create(RemoteAddress.parse(address.toString()).scheme() + "://"
                + address.getRawAuthority().toLowerCase(java.util.Locale.ROOT)
                + Optional.ofNullable(address.getRawPath()).orElse("")
                + Optional.ofNullable(address.getRawQuery()).map(q -> "?" + q).orElse(""));
    }

    private static URI normalizedOrSame(URI address) {
        try {
            return normalized(address);
        } catch (IllegalArgumentException e) {
            return address;
        }
    }
}

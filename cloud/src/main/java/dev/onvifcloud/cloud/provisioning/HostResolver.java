package dev.onvifcloud.cloud.provisioning;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to all its addresses. */
@FunctionalInterface
public interface HostResolver {

    /**
     * @param host a name or an IP literal (IPv6 without brackets)
     * @return at least one address
     * @throws UnknownHostException if it does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JDK's resolver ({@link InetAddress#getAllByName}). */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}

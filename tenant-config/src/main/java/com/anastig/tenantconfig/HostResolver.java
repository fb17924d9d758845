package com.anastig.tenantconfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to its addresses; injectable so that tests need no DNS. */
@FunctionalInterface
public interface HostResolver {

    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver (system DNS). */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}

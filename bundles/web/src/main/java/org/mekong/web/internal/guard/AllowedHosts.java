package org.mekong.web.internal.guard;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The host names a request may name in its {@code Host} header. Links the server builds from the
 * request (feeds, WSDL addresses, Open311 answers) are only as trustworthy as that header, so a
 * request for an unknown host is refused before anything answers it (Django's ALLOWED_HOSTS).
 */
final class AllowedHosts {
    private final Set<String> names;

    private AllowedHosts(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /** From the configured list, or (list empty) public.url's host, loopback and this machine's names and addresses. */
    static AllowedHosts of(String configured, String publicUrl) {
        Set<String> out = new HashSet<>();
        if (configured != null && !configured.isBlank()) {
            for (String h : configured.split(",")) {
                if (!h.isBlank()) {
                    out.add(normal(h.strip()));
                }
            }
            return new AllowedHosts(out);
        }
        if (publicUrl != null && !publicUrl.isBlank()) {
            String host = URI.create(publicUrl.strip()).getHost();
            if (host != null) {
                out.add(normal(host));
            }
        }
        out.add("localhost");
        out.add("127.0.0.1");
        out.add("::1");
        try {
            InetAddress self = InetAddress.getLocalHost();
            out.add(normal(self.getHostName()));
            out.add(normal(self.getCanonicalHostName()));
        } catch (java.io.IOException e) {
            // no resolvable host name: the addresses below still count
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    String text = a.getHostAddress();
                    int zone = text.indexOf('%');
                    out.add(normal(zone < 0 ? text : text.substring(0, zone)));
                }
            }
        } catch (SocketException e) {
            // no interfaces to list: loopback only
        }
        return new AllowedHosts(out);
    }

    /** True when the Host header (name, optional port, IPv6 in brackets) names an allowed host. */
    boolean allows(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return true; // HTTP/1.0 without Host: links fall back to public.url or localhost
        }
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (names.contains(h)) {
            return true;
        }
        String host = h;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            host = end < 0 ? h : h.substring(1, end);
        } else if (h.indexOf(':') == h.lastIndexOf(':') && h.indexOf(':') > 0) {
            host = h.substring(0, h.indexOf(':'));
        }
        return names.contains(host) || names.contains(normal(host));
    }

    Set<String> names() {
        return names;
    }

    private static String normal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }
}

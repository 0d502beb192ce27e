package org.mekong.feedback.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Role;
import org.mekong.core.api.TooManyRequestsException;

/**
 * The one intake limit of every channel: a token bucket of {@code perMinute} tokens, refilled
 * continuously, per signed-in account or, for anonymous senders, per client address in a normal
 * form (all loopback spellings are one, IPv4-mapped IPv6 is IPv4, IPv6 counts per /64). Staff
 * accounts are not limited. X-Forwarded-For is believed only from the configured proxies. Owned by
 * the feedback service (no static state); idle buckets are forgotten once the map grows.
 */
public final class IntakeLimiter {
    private static final int MAX_BUCKETS = 50_000;
    private static final Set<Role> UNLIMITED = Set.of(Role.ADMIN, Role.CENTRAL_IT, Role.LEADER, Role.REPORTER,
            Role.VERIFIER, Role.MODERATOR, Role.EDITOR, Role.REVIEWER);
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile int perMinute;
    private volatile Set<String> trustedProxies = Set.of();

    /** What a client has left, for the {@code RateLimit-*} headers. */
    public record Quota(int limit, int remaining, long resetSeconds) {
    }

    /** 429 with the quota that refused it. */
    public static final class LimitedException extends TooManyRequestsException {
        private static final long serialVersionUID = 1L;
        private final transient Quota quota;

        LimitedException(String message, Quota quota) {
            super(message, quota.resetSeconds());
            this.quota = quota;
        }

        public Quota quota() {
            return quota;
        }
    }

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }
    }

    /** {@code trusted}: comma-separated proxy addresses whose X-Forwarded-For is believed (empty: none). */
    void configure(int perMinute, String trusted) {
        if (perMinute != this.perMinute) {
            buckets.clear();
        }
        this.perMinute = perMinute;
        this.trustedProxies = trusted == null ? Set.of() : Arrays.stream(trusted.split("[,\\s]+")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(IntakeLimiter::normalise).collect(Collectors.toUnmodifiableSet());
    }

    int perMinute() {
        return perMinute;
    }

    /**
     * The client's address: the remote address, or when that is a trusted proxy the right-most
     * address of X-Forwarded-For that is not itself a trusted proxy. Normalised.
     */
    String clientAddress(String remoteAddress, String forwardedFor) {
        String remote = normalise(remoteAddress);
        if (forwardedFor == null || !trustedProxies.contains(remote)) {
            return remote;
        }
        List<String> hops = Arrays.stream(forwardedFor.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = normalise(hops.get(i));
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return remote;
    }

    /**
     * An address literal in one spelling: every loopback address is {@code loopback}, IPv4-mapped
     * IPv6 is its IPv4 address, other IPv6 addresses stand for their /64 network; anything that is
     * not an address literal (never resolved) is kept lower-cased.
     */
    static String normalise(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        String a = address.trim();
        if (a.startsWith("[") && a.contains("]")) {
            a = a.substring(1, a.indexOf(']'));
        }
        int zone = a.indexOf('%');
        if (zone > 0) {
            a = a.substring(0, zone);
        }
        if (!a.matches("[0-9a-fA-F:.]+") || !(a.contains(":") || a.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            return a.toLowerCase(java.util.Locale.ROOT);
        }
        try {
            InetAddress ip = InetAddress.getByName(a); // a literal: no name lookup
            if (ip.isLoopbackAddress()) {
                return "loopback";
            }
            byte[] b = ip.getAddress();
            if (b.length == 16) {
                if (isMapped(b)) {
                    return (b[12] & 255) + "." + (b[13] & 255) + "." + (b[14] & 255) + "." + (b[15] & 255);
                }
                Arrays.fill(b, 8, 16, (byte) 0);
                return InetAddress.getByAddress(b).getHostAddress() + "/64";
            }
            return ip.getHostAddress();
        } catch (UnknownHostException e) {
            return a.toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 255) == 255 && (b[11] & 255) == 255;
    }

    /** The bucket a caller draws from, or null when the caller is not limited (staff). */
    static String key(Caller caller, String clientAddress) {
        if (caller == null || caller.isAnonymous()) {
            return "address:" + (clientAddress == null ? "unknown" : clientAddress);
        }
        if (caller.roles().stream().anyMatch(UNLIMITED::contains)) {
            return null;
        }
        return "account:" + caller.username();
    }

    /** Takes one token for the caller, or throws 429 saying when the next one is there. */
    Quota acquire(Caller caller, String clientAddress) {
        int limit = perMinute;
        String key = key(caller, clientAddress);
        if (limit <= 0 || key == null) {
            return null;
        }
        long now = System.nanoTime();
        if (buckets.size() > MAX_BUCKETS) {
            buckets.values().removeIf(b -> now - b.lastNanos > 120_000_000_000L);
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(limit, now));
        synchronized (b) {
            double perNano = limit / 60e9;
            b.tokens = Math.min(limit, b.tokens + (now - b.lastNanos) * perNano);
            b.lastNanos = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return new Quota(limit, (int) Math.floor(b.tokens), (long) Math.ceil((limit - b.tokens) / perNano / 1e9));
            }
            long wait = Math.max(1, (long) Math.ceil((1 - b.tokens) / perNano / 1e9));
            String who = key.startsWith("account:") ? "your account" : "your address";
            throw new LimitedException("Too many submissions from " + who + ": at most " + limit + " per minute"
                    + (key.startsWith("account:") ? "" : " without an account") + ". Please try again in " + wait + " s.",
                    new Quota(limit, 0, wait));
        }
    }
}

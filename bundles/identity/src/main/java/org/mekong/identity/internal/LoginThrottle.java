package org.mekong.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Counts failed logins per account and per client address in a sliding window and locks either
 * one for a while once it reaches its limit. Unknown usernames are counted like real ones, so a
 * lockout tells nothing about which accounts exist. Kept in memory: a restart forgets it.
 */
final class LoginThrottle {
    /** Limits; a failure limit of 0 turns that counter off. */
    record Settings(int accountFailures, int addressFailures, Duration window, Duration lockout) {
    }

    /** What a failure locked. */
    enum Locked {
        ACCOUNT, ADDRESS
    }

    private static final int MAX_KEYS = 100_000;
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.%\\[\\]]+");
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile Settings settings;

    private static final class Counter {
        private final Deque<Instant> failures = new ArrayDeque<>();
        private Instant lockedUntil = Instant.MIN;
    }

    LoginThrottle(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    void configure(Settings changed) {
        this.settings = changed;
    }

    /** Seconds (rounded up) the account or the address stays locked; 0 when neither is. */
    long lockedSeconds(String username, String address) {
        Instant now = clock.instant();
        long seconds = Math.max(remaining(accountKey(username), now), remaining(addressKey(address), now));
        return seconds;
    }

    /** Counts a failed login; answers what this failure locked, if anything. */
    Set<Locked> failure(String username, String address) {
        Settings s = settings;
        Instant now = clock.instant();
        if (counters.size() > MAX_KEYS) {
            purge(now);
        }
        Set<Locked> locked = EnumSet.noneOf(Locked.class);
        if (count(accountKey(username), s.accountFailures(), s, now)) {
            locked.add(Locked.ACCOUNT);
        }
        String addressKey = addressKey(address);
        if (addressKey != null && count(addressKey, s.addressFailures(), s, now)) {
            locked.add(Locked.ADDRESS);
        }
        return locked;
    }

    /** A successful login clears the account's failures; the address keeps its count. */
    void success(String username) {
        counters.remove(accountKey(username));
    }

    private boolean count(String key, int limit, Settings s, Instant now) {
        if (key == null || limit <= 0) {
            return false;
        }
        Counter c = counters.computeIfAbsent(key, k -> new Counter());
        synchronized (c) {
            Instant since = now.minus(s.window());
            while (!c.failures.isEmpty() && !c.failures.peekFirst().isAfter(since)) {
                c.failures.removeFirst();
            }
            c.failures.addLast(now);
            if (c.failures.size() >= limit) {
                c.failures.clear();
                c.lockedUntil = now.plus(s.lockout());
                return true;
            }
            return false;
        }
    }

    private long remaining(String key, Instant now) {
        Counter c = key == null ? null : counters.get(key);
        if (c == null) {
            return 0;
        }
        synchronized (c) {
            if (!c.lockedUntil.isAfter(now)) {
                return 0;
            }
            long millis = Duration.between(now, c.lockedUntil).toMillis();
            return (millis + 999) / 1000;
        }
    }

    private void purge(Instant now) {
        Instant since = now.minus(settings.window());
        counters.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                Counter c = e.getValue();
                return !c.lockedUntil.isAfter(now) && (c.failures.isEmpty() || !c.failures.peekLast().isAfter(since));
            }
        });
    }

    static String accountKey(String username) {
        return username == null ? null : "user:" + username.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The counter key of a client address: all loopback addresses are one client, and an IPv6
     * address counts by its /64 network, since one host commonly holds a whole /64.
     */
    static String addressKey(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        String a = address.trim();
        if (a.startsWith("/")) {
            a = a.substring(1);
        }
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            a = end > 0 ? a.substring(1, end) : a.substring(1);
        } else if (a.indexOf(':') > 0 && a.indexOf(':') == a.lastIndexOf(':')) {
            a = a.substring(0, a.indexOf(':')); // IPv4 with a port, as SSH reports it
        }
        int zone = a.indexOf('%');
        if (zone > 0) {
            a = a.substring(0, zone);
        }
        if (!IP_LITERAL.matcher(a).matches()) {
            return "addr:" + a.toLowerCase(Locale.ROOT);
        }
        try {
            // a literal only (checked above), so no name lookup happens here
            java.net.InetAddress ip = java.net.InetAddress.getByName(a);
            if (ip.isLoopbackAddress()) {
                return "addr:loopback";
            }
            byte[] b = ip.getAddress();
            if (b.length == 16) {
                return String.format("addr:%02x%02x:%02x%02x:%02x%02x:%02x%02x::/64", b[0], b[1], b[2], b[3], b[4],
                        b[5], b[6], b[7]);
            }
            return "addr:" + ip.getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return "addr:" + a.toLowerCase(Locale.ROOT);
        }
    }
}

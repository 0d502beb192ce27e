package org.mekong.feedback.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.mekong.core.api.TooManyRequestsException;

/**
 * Anonymous intake limit: a token bucket per client address holding {@code perMinute} tokens,
 * refilled continuously. Owned by the feedback service (no static state); idle addresses are
 * forgotten once the map grows.
 */
final class RateLimiter {
    private static final int MAX_ADDRESSES = 50_000;
    private final int perMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }
    }

    /** Takes one token for the address or throws 429 saying when the next one is there. */
    void acquire(String address) {
        if (perMinute <= 0) {
            return;
        }
        long now = System.nanoTime();
        if (buckets.size() > MAX_ADDRESSES) {
            buckets.values().removeIf(b -> now - b.lastNanos > 120_000_000_000L);
        }
        Bucket b = buckets.computeIfAbsent(address == null ? "unknown" : address, a -> new Bucket(perMinute, now));
        synchronized (b) {
            double perNano = perMinute / 60e9;
            b.tokens = Math.min(perMinute, b.tokens + (now - b.lastNanos) * perNano);
            b.lastNanos = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return;
            }
            long wait = (long) Math.ceil((1 - b.tokens) / perNano / 1e9);
            throw new TooManyRequestsException("Too many submissions from your address: at most " + perMinute
                    + " per minute without an account. Please try again in " + wait + " s.", wait);
        }
    }
}

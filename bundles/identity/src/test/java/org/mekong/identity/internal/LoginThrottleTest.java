package org.mekong.identity.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.Test;

public class LoginThrottleTest {
    private Instant now = Instant.parse("2026-12-04T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private LoginThrottle throttle(int account, int address) {
        return new LoginThrottle(new LoginThrottle.Settings(account, address, Duration.ofMinutes(15), Duration.ofMinutes(15)), clock);
    }

    @Test
    public void locksTheAccountAtTheLimitForTheLockoutTime() {
        LoginThrottle t = throttle(3, 0);
        assertEquals(Set.of(), t.failure("Alice", "10.0.0.1"));
        assertEquals(Set.of(), t.failure("alice", "10.0.0.2"));
        assertEquals(0, t.lockedSeconds("alice", "10.0.0.3"));
        assertEquals(Set.of(LoginThrottle.Locked.ACCOUNT), t.failure("alice", "10.0.0.3"));
        assertEquals(900, t.lockedSeconds("ALICE", "10.9.9.9"));
        assertEquals(0, t.lockedSeconds("bob", "10.0.0.1"));
        now = now.plusSeconds(899);
        assertEquals(1, t.lockedSeconds("alice", null));
        now = now.plusSeconds(1);
        assertEquals(0, t.lockedSeconds("alice", null));
        // the lock wiped the history: the next failure starts a fresh count
        assertEquals(Set.of(), t.failure("alice", null));
    }

    @Test
    public void failuresOutsideTheWindowDoNotCount() {
        LoginThrottle t = throttle(2, 0);
        t.failure("alice", null);
        now = now.plus(Duration.ofMinutes(16));
        assertEquals(Set.of(), t.failure("alice", null));
        assertEquals(0, t.lockedSeconds("alice", null));
    }

    @Test
    public void successClearsTheAccountButNotTheAddress() {
        LoginThrottle t = throttle(2, 3);
        t.failure("alice", "10.0.0.1");
        t.success("alice");
        t.failure("alice", "10.0.0.1");
        assertEquals(0, t.lockedSeconds("alice", null));
        assertTrue(t.failure("carol", "10.0.0.1").contains(LoginThrottle.Locked.ADDRESS));
        assertEquals(900, t.lockedSeconds("dave", "10.0.0.1"));
        assertEquals(0, t.lockedSeconds("dave", "10.0.0.2"));
    }

    @Test
    public void loopbackIsOneClientAndIpv6CountsByItsNetwork() {
        assertEquals(LoginThrottle.addressKey("127.0.0.1"), LoginThrottle.addressKey("::1"));
        assertEquals(LoginThrottle.addressKey("0:0:0:0:0:0:0:1"), LoginThrottle.addressKey("/[0:0:0:0:0:0:0:1]:4022"));
        assertEquals(LoginThrottle.addressKey("10.1.2.3"), LoginThrottle.addressKey("/10.1.2.3:52811"));
        assertEquals(LoginThrottle.addressKey("2001:db8:1:2::5"), LoginThrottle.addressKey("2001:db8:1:2:ffff::9"));
        assertTrue(!LoginThrottle.addressKey("2001:db8:1:2::5").equals(LoginThrottle.addressKey("2001:db8:1:3::5")));
        assertEquals(null, LoginThrottle.addressKey(null));
    }
}

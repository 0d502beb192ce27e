package org.mekong.web.internal.guard;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class AllowedHostsTest {

    @Test
    public void defaultsAllowLoopbackAndPublicUrlOnly() {
        AllowedHosts hosts = AllowedHosts.of("", "https://mekong.gov.vn");
        assertTrue(hosts.allows("localhost:8181"));
        assertTrue(hosts.allows("127.0.0.1"));
        assertTrue(hosts.allows("[::1]:8181"));
        assertTrue(hosts.allows("MEKONG.gov.vn"));
        assertTrue(hosts.allows(null));
        assertFalse(hosts.allows("evil.example"));
        assertFalse(hosts.allows("evil.example:8181"));
        assertFalse(hosts.allows("mekong.gov.vn.evil.example"));
    }

    @Test
    public void aConfiguredListIsTheWholeList() {
        AllowedHosts hosts = AllowedHosts.of("portal.example, api.example", "");
        assertTrue(hosts.allows("portal.example"));
        assertTrue(hosts.allows("api.example:443"));
        assertFalse(hosts.allows("localhost"));
    }
}

package org.mekong.web.internal.guard;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import org.junit.Test;

public class CrossSiteCheckTest {
    private static final String BASIC = "Basic YWRtaW46eA==";

    @Test
    public void crossSiteWritesWithAmbientCredentialsAreRefused() {
        assertNotNull(CrossSiteCheck.refusal("POST", null, BASIC, "https://evil.example", null, "localhost:8181", ""));
        assertNotNull(CrossSiteCheck.refusal("DELETE", "JSESSIONID=1", null, null, "https://evil.example/x", "localhost:8181", ""));
        assertNotNull(CrossSiteCheck.refusal("POST", null, BASIC, "null", null, "localhost:8181", ""));
        assertNotNull(CrossSiteCheck.refusal("POST", null, BASIC, "http://localhost:9999", null, "localhost:8181", ""));
    }

    @Test
    public void sameSiteProgramsBearerAndReadsGoOn() {
        assertNull(CrossSiteCheck.refusal("POST", null, BASIC, "http://localhost:8181", null, "localhost:8181", ""));
        assertNull(CrossSiteCheck.refusal("POST", null, BASIC, null, "http://localhost:8181/ui/x.html", "localhost:8181", ""));
        assertNull(CrossSiteCheck.refusal("POST", null, BASIC, null, null, "localhost:8181", ""));
        assertNull(CrossSiteCheck.refusal("POST", null, "Bearer abc", "https://evil.example", null, "localhost:8181", ""));
        assertNull(CrossSiteCheck.refusal("POST", null, null, "https://evil.example", null, "localhost:8181", ""));
        assertNull(CrossSiteCheck.refusal("GET", null, BASIC, "https://evil.example", null, "localhost:8181", ""));
        assertNull(CrossSiteCheck.refusal("POST", null, BASIC, "https://mekong.gov.vn", null, "10.0.0.5:8181",
                "https://mekong.gov.vn"));
        assertNull(CrossSiteCheck.refusal("POST", null, BASIC, "http://example.org", null, "example.org:80", ""));
    }
}

package org.mekong.web.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The address the public reaches the server at, for links in feeds, WSDLs and GeoReport answers:
 * the configured {@code public.url} (pid {@code org.mekong.web.security}), else the address the
 * request came in on, whose Host header the server has already checked against its allowed hosts.
 */
@ProviderType
public interface PublicAddress {

    /** {@code scheme://host[:port][/path]} without a trailing slash; {@code requestBase} when public.url is unset. */
    String base(String requestBase);
}

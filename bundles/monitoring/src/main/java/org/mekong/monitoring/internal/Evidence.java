package org.mekong.monitoring.internal;

import java.time.Instant;

/** An evidence file's description (the content is downloaded separately). */
public record Evidence(long id, String ownerType, String ownerKey, String fileName, String contentType, long size,
        String sha256, String uploadedBy, Instant uploadedAt) {
}

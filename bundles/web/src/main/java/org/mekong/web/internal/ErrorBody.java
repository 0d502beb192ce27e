package org.mekong.web.internal;

import java.util.List;

import org.mekong.core.api.ErrorDetail;

/** The one JSON error body of the API: {@code {"error", "message", "details"}}. */
public record ErrorBody(String error, String message, List<ErrorDetail> details) {
}

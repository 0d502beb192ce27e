package org.mekong.core.api;

/** One problem with one field (or row and column) of the input. */
public record ErrorDetail(String field, String problem) {
}

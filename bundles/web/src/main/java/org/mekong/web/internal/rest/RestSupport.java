package org.mekong.web.internal.rest;

import javax.ws.rs.core.SecurityContext;

import org.mekong.core.api.Caller;
import org.mekong.core.api.InvalidInputException;
import org.mekong.web.api.MekongRest;

/** Small helpers shared by the core resources. */
final class RestSupport {
    private RestSupport() {
    }

    static Caller caller(SecurityContext security) {
        return MekongRest.caller(security);
    }

    static <T> T body(T body) {
        if (body == null) {
            throw InvalidInputException.field("body", "a JSON body is required");
        }
        return body;
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field(field, "'" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}

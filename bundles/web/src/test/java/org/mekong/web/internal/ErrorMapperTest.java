package org.mekong.web.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class ErrorMapperTest {

    @Test
    public void libraryMessagesLoseTheirClassNames() {
        assertEquals("Cannot deserialize value of type `Role` from String \"BOSS\"",
                ErrorMapper.withoutClassNames("Cannot deserialize value of type `org.mekong.core.api.Role` from String \"BOSS\""));
        assertEquals("Cannot construct instance of `PilotInput`",
                ErrorMapper.withoutClassNames("Cannot construct instance of `org.mekong.sandbox.internal.Views$PilotInput`"));
        assertEquals("For input string: \"abc\" at 1.5", ErrorMapper.withoutClassNames("For input string: \"abc\" at 1.5"));
        assertEquals("NumberFormatException", ErrorMapper.withoutClassNames("java.lang.NumberFormatException"));
    }
}

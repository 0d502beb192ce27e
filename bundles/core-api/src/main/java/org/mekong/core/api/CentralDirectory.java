package org.mekong.core.api;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the entry names of a zip's central directory, which is what office programs open, so that
 * a file whose local entries (what {@link java.util.zip.ZipInputStream} reads) differ from it cannot
 * smuggle a part past the check. Zip64 and multi-disk archives are not documents we take.
 */
final class CentralDirectory {
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ENTRY_SIGNATURE = 0x02014b50;
    private static final int END_SIZE = 22;

    private CentralDirectory() {
    }

    /** The names listed, or null when there is no readable central directory. */
    static Set<String> names(byte[] zip) {
        int end = -1;
        for (int i = zip.length - END_SIZE; i >= Math.max(0, zip.length - END_SIZE - 65535); i--) {
            if (int32(zip, i) == END_SIGNATURE) {
                end = i;
                break;
            }
        }
        if (end < 0 || int16(zip, end + 4) != 0 || int16(zip, end + 6) != 0) {
            return null;
        }
        int count = int16(zip, end + 10);
        long offset = int32(zip, end + 16) & 0xFFFFFFFFL;
        if (count == 0xFFFF || offset >= end) {
            return null;
        }
        Set<String> names = new HashSet<>();
        int at = (int) offset;
        for (int i = 0; i < count; i++) {
            if (at + 46 > end || int32(zip, at) != ENTRY_SIGNATURE) {
                return null;
            }
            int nameLength = int16(zip, at + 28);
            int extraLength = int16(zip, at + 30);
            int commentLength = int16(zip, at + 32);
            if (at + 46 + nameLength > end) {
                return null;
            }
            boolean utf8 = (int16(zip, at + 8) & 0x800) != 0;
            names.add(new String(zip, at + 46, nameLength, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
            at += 46 + nameLength + extraLength + commentLength;
        }
        return names;
    }

    private static int int16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int int32(byte[] b, int at) {
        return int16(b, at) | int16(b, at + 2) << 16;
    }
}

package org.mekong.core.api;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Case- and accent-insensitive matching of Vietnamese text: "Quảng Điền" folds to "quang dien". */
public final class TextFolding {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private TextFolding() {
    }

    public static String fold(String text) {
        if (text == null) {
            return null;
        }
        String s = text.replace('Đ', 'D').replace('đ', 'd');
        return MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT).trim();
    }
}

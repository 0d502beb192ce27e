package org.mekong.feedback.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mekong.core.api.TextFolding;

/**
 * Masks personal data in a sender's text before it is published: the sender's own name, e-mail,
 * phone, address and (for a person) organisation in every spelling (case and accents ignored),
 * and the common Vietnamese patterns: e-mail addresses, phone numbers (0…, 84…, +84 …), CCCD
 * (12 digits) and CMND (9 digits) numbers, house numbers with their street. The staff view keeps
 * the original; only the public versions go through here.
 */
public final class Redactor {
    public static final String NAME = "[name]";
    public static final String EMAIL = "[e-mail]";
    public static final String PHONE = "[phone]";
    public static final String ID_NUMBER = "[ID number]";
    public static final String ADDRESS = "[address]";

    /** Whose text it is: the sender's own fields, any of them null. */
    public record Sender(String name, String email, String phone, String organisation, String address,
            boolean person) {
        public static Sender of(FeedbackService.Row r) {
            return new Sender(r.senderName(), r.senderEmail(), r.senderPhone(), r.organisation(), r.address(),
                    !"ORGANISATION".equals(r.senderType()));
        }
    }

    private static final Pattern EMAIL_IN_TEXT = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+");
    /** Digits with single spaces, dots or dashes between groups, optionally after a plus sign. */
    private static final Pattern DIGIT_RUN = Pattern.compile("(?<![\\p{L}\\p{N}+.,/-])\\+?\\d(?:[ .-]?\\d){6,14}(?![\\p{L}\\p{N}]|[.,/-]\\d)");
    private static final String NUMBER = "\\d+[a-z]?(?:/\\d+[a-z]?)*";
    private static final String STREET = "(?:duong|pho|ngo|hem|kiet|ngach)\\s+[\\p{L}\\d]+(?:\\s+\\p{L}+){0,3}";
    /** Folded text: a house number with its lane and street ("so nha 12", "12/3 duong le loi", "kiet 5"). */
    private static final Pattern HOUSE = Pattern.compile("(?<![\\p{L}\\p{N}])(?:(?:so nha|nha so|sn)\\s*" + NUMBER
            + "(?:\\s*,?\\s*" + STREET + ")?|(?:so\\s+)?" + NUMBER + "\\s*,?\\s*" + STREET
            + "|(?:ngo|hem|kiet|ngach)\\s+" + NUMBER + ")(?![\\p{L}\\p{N}])");

    private Redactor() {
    }

    /** The text with the sender's data and the common personal-data patterns masked. */
    public static String redact(String text, Sender sender) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        Sender s = sender == null ? new Sender(null, null, null, null, null, true) : sender;
        // the sender's own fields first, longest first, so a name inside an address is not half masked
        out = maskFolded(out, s.address(), ADDRESS);
        if (s.person()) {
            out = maskFolded(out, s.organisation(), NAME);
        }
        out = maskFolded(out, s.name(), NAME);
        out = maskFolded(out, s.email(), EMAIL);
        out = EMAIL_IN_TEXT.matcher(out).replaceAll(EMAIL);
        out = maskNumbers(out, digits(s.phone()));
        out = maskFoldedPattern(out, HOUSE, ADDRESS);
        return out;
    }

    /** Phone numbers and ID numbers: a run of 9 to 12 digits, told apart by their shape. */
    private static String maskNumbers(String text, String senderPhone) {
        Matcher m = DIGIT_RUN.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String run = m.group();
            String d = digits(run);
            String mask = classify(run, d, senderPhone);
            m.appendReplacement(b, Matcher.quoteReplacement(mask == null ? run : mask));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** {@link #PHONE}, {@link #ID_NUMBER} or null for a number that is neither (an amount, a year). */
    static String classify(String run, String d, String senderPhone) {
        if (senderPhone != null && senderPhone.length() >= 6 && national(d).equals(national(senderPhone))) {
            return PHONE;
        }
        boolean grouped = !run.chars().allMatch(Character::isDigit);
        if (run.startsWith("+") && d.length() >= 9 && d.length() <= 13) {
            return PHONE;
        }
        if (d.startsWith("84") && (d.length() == 11 || d.length() == 12)) {
            return PHONE;
        }
        if (d.startsWith("0") && (d.length() == 10 || d.length() == 11) && !dotsLikeAmount(run)) {
            return PHONE;
        }
        if (d.length() == 12 && (!grouped || run.matches("\\d{3}([ .-]?\\d{3}){3}"))) {
            return ID_NUMBER;
        }
        if (d.length() == 9 && !grouped) {
            return ID_NUMBER;
        }
        return null;
    }

    /** 1.500.000 (thousands groups of three after a short head) is an amount, not a phone number. */
    private static boolean dotsLikeAmount(String run) {
        return run.matches("\\d{1,3}(\\.\\d{3})+") && !run.startsWith("0");
    }

    /** The phone number without country code or trunk prefix: 84912345678, 0912345678, 912345678 are one. */
    private static String national(String d) {
        if (d.startsWith("84") && d.length() >= 11) {
            return d.substring(2);
        }
        return d.startsWith("0") ? d.substring(1) : d;
    }

    static String digits(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        s.chars().filter(Character::isDigit).forEach(c -> b.append((char) c));
        return b.toString();
    }

    /** Masks every spelling of a value (case, accents and spacing ignored) as whole words. */
    private static String maskFolded(String text, String value, String mask) {
        String v = value == null ? "" : TextFolding.fold(value);
        if (v.length() < 3) {
            return text;
        }
        StringBuilder p = new StringBuilder("(?<![\\p{L}\\p{N}])");
        String[] words = v.split("\\s+");
        for (int i = 0; i < words.length; i++) {
            p.append(i == 0 ? "" : "[\\s,.-]*").append(Pattern.quote(words[i]));
        }
        p.append("(?![\\p{L}\\p{N}])");
        return maskFoldedPattern(text, Pattern.compile(p.toString()), mask);
    }

    /** Finds the pattern in the folded text and masks the same stretch of the original text. */
    private static String maskFoldedPattern(String text, Pattern folded, String mask) {
        Folded f = Folded.of(text);
        Matcher m = folded.matcher(f.text);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            if (m.end() > m.start()) {
                spans.add(new int[] { f.origin[m.start()], f.origin[m.end() - 1] + 1 });
            }
        }
        if (spans.isEmpty()) {
            return text;
        }
        StringBuilder b = new StringBuilder();
        int at = 0;
        for (int[] s : spans) {
            if (s[0] < at) {
                continue;
            }
            b.append(text, at, s[0]).append(mask);
            at = s[1];
        }
        return b.append(text.substring(at)).toString();
    }

    /** Text folded character by character, remembering where each folded character came from. */
    private record Folded(String text, int[] origin) {
        static Folded of(String original) {
            StringBuilder b = new StringBuilder(original.length());
            int[] origin = new int[original.length() * 2 + 1];
            for (int i = 0; i < original.length(); i++) {
                String one = foldOne(original.charAt(i));
                for (int k = 0; k < one.length(); k++) {
                    if (b.length() >= origin.length) {
                        origin = java.util.Arrays.copyOf(origin, origin.length * 2);
                    }
                    origin[b.length()] = i;
                    b.append(one.charAt(k));
                }
            }
            return new Folded(b.toString(), origin);
        }

        private static String foldOne(char c) {
            if (c < 128) {
                return String.valueOf(Character.toLowerCase(c));
            }
            if (Character.isWhitespace(c)) {
                return " ";
            }
            String f = TextFolding.fold(String.valueOf(c));
            return f.isEmpty() && Character.getType(c) != Character.NON_SPACING_MARK ? " " : f.toLowerCase(Locale.ROOT);
        }
    }
}

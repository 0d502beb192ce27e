package org.mekong.feedback.internal;

import org.mekong.feedback.internal.FeedbackService.Row;
import org.mekong.feedback.internal.Vocab.Status;

/** The texts an item shows outside the staff view (masked by {@link Redactor}) and its text index entry. */
final class PublicText {
    private PublicText() {
    }

    /** The public title: the one stored at publication (or the sender's), masked again for rows published before. */
    static String title(Row r) {
        return Redactor.redact(r.publicTitle() != null ? r.publicTitle() : r.title(), Redactor.Sender.of(r));
    }

    static String content(Row r) {
        return Redactor.redact(r.publicContent() != null ? r.publicContent() : r.content(), Redactor.Sender.of(r));
    }

    /** The index entry; a published item is searched by its public (masked) text only. */
    static TextIndex.Entry entry(Row r) {
        return new TextIndex.Entry(r.id(), r.code(), r.title(), r.content(), r.answer(), r.category(), r.field(),
                r.status().name(), r.status() == Status.PUBLISHED ? title(r) + "\n" + content(r) : null);
    }
}

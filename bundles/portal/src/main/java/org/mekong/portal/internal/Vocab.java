package org.mekong.portal.internal;

/** The portal's fixed vocabularies. */
public final class Vocab {
    private Vocab() {
    }

    /** What an item is. */
    public enum Kind {
        ARTICLE, DOCUMENT, ACTIVITY
    }

    /**
     * The editorial states: DRAFT -> IN_REVIEW -> PUBLISHED (or SCHEDULED until its publication
     * time) -> ARCHIVED. Only PUBLISHED is public.
     */
    public enum Status {
        DRAFT, IN_REVIEW, SCHEDULED, PUBLISHED, ARCHIVED
    }

    /** Kinds of documents, with names. */
    public enum DocType {
        RESOLUTION("Nghị quyết", "Resolution"), LAW("Luật", "Law"), DECREE("Nghị định", "Decree"),
        DECISION("Quyết định", "Decision"), PLAN("Kế hoạch", "Plan"), DIRECTIVE("Chỉ thị", "Directive"),
        CONCLUSION("Kết luận", "Conclusion"), OTHER("Văn bản khác", "Other document");

        public final String nameVi;
        public final String nameEn;

        DocType(String nameVi, String nameEn) {
            this.nameVi = nameVi;
            this.nameEn = nameEn;
        }
    }

    /** A code with names, for option lists. */
    public record Named(String code, String nameVi, String nameEn) {
    }
}

package org.mekong.core.spi;

/**
 * A {@link UiContribution} with fixed values, for plugins whose menu entries never change: extend
 * it in a DS component and pass the values to the constructor.
 *
 * <pre>
 * &#64;Component(service = UiContribution.class)
 * public class Inbox extends MenuEntry {
 *     public Inbox() {
 *         super("feedback.inbox", "Xử lý phản ánh", "Feedback inbox", "/feedback/inbox.html", 54, "MODERATOR");
 *     }
 * }
 * </pre>
 */
public abstract class MenuEntry implements UiContribution {
    private final String id;
    private final String labelVi;
    private final String labelEn;
    private final String href;
    private final int order;
    private final String requiredRole;

    /** requiredRole: comma-separated roles, any of which sees the entry; null for everyone. */
    protected MenuEntry(String id, String labelVi, String labelEn, String href, int order, String requiredRole) {
        this.id = id;
        this.labelVi = labelVi;
        this.labelEn = labelEn;
        this.href = href;
        this.order = order;
        this.requiredRole = requiredRole;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String labelVi() {
        return labelVi;
    }

    @Override
    public String labelEn() {
        return labelEn;
    }

    @Override
    public String href() {
        return href;
    }

    @Override
    public int order() {
        return order;
    }

    @Override
    public String requiredRole() {
        return requiredRole;
    }
}

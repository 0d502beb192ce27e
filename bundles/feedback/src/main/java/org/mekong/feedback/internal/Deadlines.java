package org.mekong.feedback.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.mekong.feedback.internal.FeedbackService.Row;
import org.mekong.feedback.internal.Vocab.Category;

/** Processing deadlines: the configured days per category, an item's deadline and whether it is overdue. */
final class Deadlines {
    private final Map<Category, Integer> deadlineDays = new java.util.concurrent.ConcurrentHashMap<>();

    /** Deadlines follow configuration changes without a restart. */
    void configure(FeedbackConfig config) {
        deadlineDays.put(Category.DIFFICULTY, config.deadline_days_DIFFICULTY());
        deadlineDays.put(Category.POLICY_PROPOSAL, config.deadline_days_POLICY_PROPOSAL());
        deadlineDays.put(Category.INITIATIVE, config.deadline_days_INITIATIVE());
        deadlineDays.put(Category.ADMIN_PROCEDURE, config.deadline_days_ADMIN_PROCEDURE());
        deadlineDays.put(Category.OTHER, config.deadline_days_OTHER());
    }

    /** The processing days of a category, as configured. */
    Integer days(Category c) {
        return deadlineDays.get(c);
    }

    /** Received day + the category's processing days (OTHER's while the category is not known). */
    LocalDate deadline(Instant received, Category c) {
        return received.atZone(FeedbackService.ZONE).toLocalDate().plusDays(days(c == null ? Category.OTHER : c));
    }

    static LocalDate today() {
        return LocalDate.now(FeedbackService.ZONE);
    }

    static boolean overdue(Row r) {
        return !r.status().isClosed() && r.deadline() != null && r.deadline().isBefore(today());
    }
}

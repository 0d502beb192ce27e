// Shared parts of the feedback pages: their texts, header links and small helpers, on top of the
// shell's UI kit. Server text only ever reaches the page through textContent.
import { addTexts, renderHeader, el, t, name } from '/ui/kit.js';

addTexts({
  vi: {
    navSubmit: 'Gửi phản ánh', navTrack: 'Tra cứu', navAnswers: 'Kết quả trả lời', navStats: 'Thống kê',
    navInbox: 'Xử lý', navDiscussion: 'Diễn đàn', pagesNav: 'Phản ánh, kiến nghị',
    RECEIVED: 'Đã tiếp nhận', CLASSIFIED: 'Đã phân loại', ASSIGNED: 'Đã giao xử lý', IN_PROGRESS: 'Đang xử lý',
    ANSWERED: 'Đã trả lời', PUBLISHED: 'Đã công khai', REJECTED: 'Từ chối', MERGED: 'Đã gộp',
    ANONYMOUS: 'Ẩn danh', PERSON: 'Cá nhân', ORGANISATION: 'Tổ chức', overdue: 'Quá hạn'
  },
  en: {
    navSubmit: 'Send feedback', navTrack: 'Track', navAnswers: 'Answers', navStats: 'Statistics',
    navInbox: 'Inbox', navDiscussion: 'Discussion', pagesNav: 'Feedback',
    RECEIVED: 'Received', CLASSIFIED: 'Classified', ASSIGNED: 'Assigned', IN_PROGRESS: 'In progress',
    ANSWERED: 'Answered', PUBLISHED: 'Published', REJECTED: 'Rejected', MERGED: 'Merged',
    ANONYMOUS: 'Anonymous', PERSON: 'Person', ORGANISATION: 'Organisation', overdue: 'Overdue'
  }
});

const pages = [
  ['submit', '/feedback/submit.html', 'navSubmit'], ['track', '/feedback/track.html', 'navTrack'],
  ['answers', '/feedback/answers.html', 'navAnswers'], ['stats', '/feedback/stats.html', 'navStats'],
  ['inbox', '/feedback/inbox.html', 'navInbox'], ['discussion', '/feedback/discussion.html', 'navDiscussion']
];

export function header(active, onLanguage) {
  return renderHeader(active, onLanguage, pages);
}

/** A status badge. */
export function statusBadge(status) {
  return el('span', { class: `badge fb-status fb-${status}`, dataset: { status } }, t(status));
}

/** The name of an option {code, nameVi, nameEn} by code from a list. */
export function optionName(list, code) {
  const o = (list || []).find((x) => x.code === code);
  return o ? name(o) : (code || '—');
}

/** Shows field problems from a Mekong error next to inputs whose data-field matches. */
export function showFieldErrors(form, details) {
  form.querySelectorAll('.field-error').forEach((n) => n.remove());
  (details || []).forEach((d) => {
    const key = String(d.field || '').replace(/\[\d+\].*$/, '');
    const input = form.querySelector(`[data-field="${CSS.escape(key)}"]`);
    if (input) input.after(el('span', { class: 'field-error', role: 'alert' }, d.problem));
  });
}

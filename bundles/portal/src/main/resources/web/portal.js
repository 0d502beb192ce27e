// Shared parts of the portal pages: their texts, the header's page list, the footer with the
// feed links and small helpers on top of the shell's UI kit. Server text only ever reaches the
// page through textContent and attributes (the kit's el()); the one exception is an item's body
// (bodyVi/bodyEn), which the server sanitises and item.js inserts with innerHTML.
import { addTexts, renderHeader, currentUser, el, t, lang, fmt, name, query } from '/ui/kit.js';

addTexts({
  vi: {
    pagesNav: 'Cổng thông tin', navHome: 'Trang chủ', navNews: 'Tin tức', navDocuments: 'Văn bản',
    navActivities: 'Hoạt động', navSearch: 'Tìm kiếm', navAdmin: 'Biên tập',
    portalName: 'Cổng thông tin phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số',
    feeds: 'Nhận tin', feedRss: 'RSS', feedAtom: 'Atom', all: 'Tất cả', search: 'Tìm kiếm', searchPlaceholder: 'Nhập từ khoá…',
    filter: 'Lọc', prev: '‹ Trước', next: 'Sau ›', prevLabel: 'Trang trước', nextLabel: 'Trang sau',
    results: '{n} kết quả', noResults: 'Không có kết quả phù hợp.', none: 'Chưa có nội dung.', readMore: 'Xem tiếp',
    ARTICLE: 'Tin tức', DOCUMENT: 'Văn bản', ACTIVITY: 'Hoạt động',
    DRAFT: 'Nháp', IN_REVIEW: 'Chờ duyệt', SCHEDULED: 'Hẹn giờ đăng', PUBLISHED: 'Đã đăng', ARCHIVED: 'Lưu trữ',
    DT_RESOLUTION: 'Nghị quyết', DT_LAW: 'Luật', DT_DECREE: 'Nghị định', DT_DECISION: 'Quyết định', DT_PLAN: 'Kế hoạch',
    DT_DIRECTIVE: 'Chỉ thị', DT_CONCLUSION: 'Kết luận', DT_OTHER: 'Văn bản khác',
    docNumber: 'Số hiệu', docType: 'Loại văn bản', issuer: 'Cơ quan ban hành', issuedOn: 'Ngày ban hành', year: 'Năm',
    eventDate: 'Ngày', person: 'Lãnh đạo', orgBody: 'Cơ quan', place: 'Địa điểm', category: 'Chuyên mục',
    tags: 'Từ khoá', publishedAt: 'Ngày đăng', title: 'Tiêu đề', kind: 'Loại', tag: 'Thẻ', removeTag: 'Bỏ lọc theo thẻ'
  },
  en: {
    pagesNav: 'Portal', navHome: 'Home', navNews: 'News', navDocuments: 'Documents', navActivities: 'Activities',
    navSearch: 'Search', navAdmin: 'Editor',
    portalName: 'Portal on science, technology, innovation and digital transformation',
    feeds: 'Feeds', feedRss: 'RSS', feedAtom: 'Atom', all: 'All', search: 'Search', searchPlaceholder: 'Search words…',
    filter: 'Filter', prev: '‹ Previous', next: 'Next ›', prevLabel: 'Previous page', nextLabel: 'Next page',
    results: '{n} results', noResults: 'Nothing matches.', none: 'Nothing published yet.', readMore: 'Read more',
    ARTICLE: 'News', DOCUMENT: 'Document', ACTIVITY: 'Activity',
    DRAFT: 'Draft', IN_REVIEW: 'In review', SCHEDULED: 'Scheduled', PUBLISHED: 'Published', ARCHIVED: 'Archived',
    DT_RESOLUTION: 'Resolution', DT_LAW: 'Law', DT_DECREE: 'Decree', DT_DECISION: 'Decision', DT_PLAN: 'Plan',
    DT_DIRECTIVE: 'Directive', DT_CONCLUSION: 'Conclusion', DT_OTHER: 'Other document',
    docNumber: 'Number', docType: 'Document type', issuer: 'Issued by', issuedOn: 'Issued on', year: 'Year',
    eventDate: 'Date', person: 'Leader', orgBody: 'Body', place: 'Place', category: 'Category',
    tags: 'Tags', publishedAt: 'Published', title: 'Title', kind: 'Kind', tag: 'Tag', removeTag: 'Remove the tag filter'
  }
});

export const EDITOR_ROLES = ['EDITOR', 'REVIEWER', 'ADMIN'];
export const KINDS = ['ARTICLE', 'DOCUMENT', 'ACTIVITY'];
export const STATUSES = ['DRAFT', 'IN_REVIEW', 'SCHEDULED', 'PUBLISHED', 'ARCHIVED'];
export const DOC_TYPES = ['RESOLUTION', 'LAW', 'DECREE', 'DECISION', 'PLAN', 'DIRECTIVE', 'CONCLUSION', 'OTHER'];

const publicPages = [
  ['home', '/portal/index.html', 'navHome'], ['news', '/portal/news.html', 'navNews'],
  ['documents', '/portal/documents.html', 'navDocuments'], ['activities', '/portal/activities.html', 'navActivities'],
  ['search', '/portal/search.html', 'navSearch']
];
const adminPage = ['admin', '/portal/admin.html', 'navAdmin'];

export const isEditor = (me) => Boolean(me && (me.roles || []).some((r) => EDITOR_ROLES.includes(r)));

/**
 * Renders the header (the editor link only for editorial roles, or on the editor page itself) and
 * the footer with the feed links; onLanguage() re-renders the page's dynamic parts. Answers the user.
 */
export async function header(active, onLanguage) {
  const me = await currentUser();
  const pages = isEditor(me) || active === 'admin' ? [...publicPages, adminPage] : publicPages;
  const redraw = () => { renderFooter(); if (onLanguage) onLanguage(); };
  renderFooter();
  return renderHeader(active, redraw, pages);
}

/** The feed address for the current language (kind optional). */
export function feedUrl(format, kind) {
  return `/api/portal/feed.${format}${query({ lang, kind })}`;
}

function renderFooter() {
  let footer = document.querySelector('footer.pt-footer');
  if (!footer) { footer = el('footer', { class: 'pt-footer' }); document.body.append(footer); }
  footer.replaceChildren(
    el('p', { class: 'pt-footer-name' }, t('portalName')),
    el('p', { class: 'pt-feeds' }, el('span', {}, `${t('feeds')}:`),
      el('a', { id: 'feed-rss', href: feedUrl('rss'), type: 'application/rss+xml' }, t('feedRss')),
      el('a', { id: 'feed-atom', href: feedUrl('atom'), type: 'application/atom+xml' }, t('feedAtom'))));
}

/** The text of a field by language: pick(item, 'title') is titleEn in English, else titleVi (each falls back). */
export function pick(item, field) {
  if (!item) return '';
  const vi = item[`${field}Vi`];
  const en = item[`${field}En`];
  return (lang === 'en' ? en || vi : vi || en) || '';
}

/** The public address of an item. */
export function itemLink(summary) {
  return `/portal/item.html${query({ slug: summary.slug })}`;
}

/** A date without the time: yyyy-mm-dd as is, an instant in the browser's time zone. */
export function fmtDay(value) {
  if (!value) return '';
  const plain = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const d = new Date(plain ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) return String(value);
  return d.toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB',
    { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: plain ? 'UTC' : undefined });
}

/** The date that matters for an item: the event date of an activity, the issue date of a document, else publication. */
export function itemDate(s) {
  if (s.kind === 'ACTIVITY' && s.eventDate) return s.eventDate;
  if (s.kind === 'DOCUMENT' && s.issuedOn) return s.issuedOn;
  return s.publishedAt;
}

/** A document type's name from a list of {code, nameVi, nameEn} (e.g. the facets), or the built-in one. */
export function docTypeName(code, list) {
  if (!code) return '';
  const o = (list || []).find((x) => x.code === code);
  return o ? name(o) : t(`DT_${code}`);
}

/** The kind as a small badge. */
export function kindBadge(kind) {
  return el('span', { class: `badge pt-kind pt-kind-${kind}`, dataset: { kind } }, t(kind));
}

/** An editorial status as a badge. */
export function statusBadge(status, id) {
  return el('span', { id, class: `badge pt-status pt-${status}`, dataset: { status } }, t(status));
}

/** A number with its unit ('—' when missing). */
export function fmtFigure(value, unit) {
  if (value === null || value === undefined) return '—';
  const n = fmt(value, 1);
  if (!unit) return n;
  return unit === '%' ? `${n} %` : `${n} ${unit}`;
}

/** A short list entry: <li data-slug> with the title link, a line of facts and (optionally) the summary. */
export function summaryItem(s, { summary = true, badge = false } = {}) {
  const facts = [fmtDay(itemDate(s))];
  if (s.kind === 'DOCUMENT' && s.docNumber) facts.unshift(s.docNumber);
  if (s.kind === 'ACTIVITY' && s.person) facts.push(s.person);
  if (s.category) facts.push(name(s.category));
  const text = summary ? pick(s, 'summary') : '';
  return el('li', { class: 'pt-entry', dataset: { slug: s.slug, kind: s.kind } },
    el('a', { class: 'pt-entry-title', href: itemLink(s) }, pick(s, 'title') || s.slug),
    el('p', { class: 'pt-entry-meta' }, badge ? kindBadge(s.kind) : null, badge ? ' ' : null,
      facts.filter(Boolean).join(' · ')),
    text ? el('p', { class: 'pt-entry-summary' }, text) : null);
}

/** Wires #prefix-prev / #prefix-next buttons and a page label to a reload(offset) function. */
export function pager(prev, next, label, onPage) {
  let state = { offset: 0, limit: 20, total: 0 };
  prev.addEventListener('click', () => onPage(Math.max(0, state.offset - state.limit)));
  next.addEventListener('click', () => onPage(state.offset + state.limit));
  return (page) => {
    state = { offset: page.offset || 0, limit: page.limit || 20, total: page.total || 0 };
    prev.disabled = state.offset <= 0;
    next.disabled = state.offset + state.limit >= state.total;
    const hidden = prev.disabled && next.disabled;
    prev.closest('.pt-pager').hidden = hidden;
    if (label) {
      label.textContent = state.total
        ? `${state.offset + 1}–${Math.min(state.offset + state.limit, state.total)} / ${state.total}` : '';
    }
  };
}

/** Reads a URL parameter of the page. */
export function param(key) {
  return new URLSearchParams(window.location.search).get(key) || '';
}

/** Replaces the page's URL query with the non-empty params (history.replaceState). */
export function setParams(params) {
  history.replaceState(null, '', `${window.location.pathname}${query(params)}`);
}

/** Fills a select with an "all" option and options [value, text]; keeps or sets the chosen value. */
export function fillSelect(select, entries, chosen, allText = t('all')) {
  const keep = chosen !== undefined ? chosen : select.value;
  select.replaceChildren(...(allText === null ? [] : [el('option', { value: '' }, allText)]),
    ...entries.map(([value, text]) => el('option', { value }, text)));
  if ([...select.options].some((o) => o.value === String(keep))) select.value = String(keep);
}

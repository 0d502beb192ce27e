// The Mekong UI kit for plugin pages (served by the shell at /ui/kit.js): API calls with the
// session's token, Vietnamese/English texts, the header bar and DOM building. Server data only
// ever reaches the page through textContent and attributes. A plugin page imports it with
// `import { api, el, t, addTexts, renderHeader } from '/ui/kit.js';`.

const texts = {
  vi: {
    signIn: 'Đăng nhập', language: 'Ngôn ngữ', failed: 'Không kết nối được máy chủ.',
    requestFailed: 'Yêu cầu không thành công', needLogin: 'Cần đăng nhập để dùng chức năng này.',
    forbidden: 'Bạn không có quyền thực hiện thao tác này.', loading: 'Đang tải…', empty: 'Chưa có dữ liệu',
    exportCsv: 'Tải CSV', downloadFailed: 'Không tải được tệp', signInNote: 'Bạn chưa đăng nhập.', pagesNav: 'Trang'
  },
  en: {
    signIn: 'Sign in', language: 'Language', failed: 'Cannot reach the server.',
    requestFailed: 'The request failed', needLogin: 'Please sign in to use this function.',
    forbidden: 'You are not allowed to do this.', loading: 'Loading…', empty: 'No data yet',
    exportCsv: 'Download CSV', downloadFailed: 'Download failed', signInNote: 'You are not signed in.', pagesNav: 'Pages'
  }
};

export let lang = localStorage.getItem('mekong.lang') === 'en' ? 'en' : 'vi';

/** Adds a page's own texts: {vi: {...}, en: {...}}. */
export function addTexts(more) {
  Object.assign(texts.vi, more.vi);
  Object.assign(texts.en, more.en);
}

/** The text for key in the current language; {name} placeholders are filled from vars. */
export function t(key, vars) {
  const text = texts[lang][key] ?? texts.vi[key] ?? String(key);
  return vars ? text.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)) : text;
}

/** Calls /api + path with the bearer token; never throws (a network failure answers 503). */
export async function api(path, options = {}) {
  const headers = { 'X-Requested-With': 'mekong-ui', Accept: 'application/json', ...(options.headers || {}) };
  const token = sessionStorage.getItem('mekong.token');
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    const response = await fetch(`/api${path}`, { ...options, headers });
    if (response.status === 401 && token) sessionStorage.removeItem('mekong.token');
    return response;
  } catch (e) {
    return new Response(JSON.stringify({ error: 'NETWORK', message: t('failed') }),
      { status: 503, headers: { 'Content-Type': 'application/json' } });
  }
}

/** api() with a JSON body. */
export function send(method, path, body) {
  return api(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/** '?a=1&b=2' from the non-empty entries of params ('' when none). */
export function query(params) {
  const p = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => { if (v !== undefined && v !== null && v !== '') p.set(k, v); });
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The parsed JSON body, or null when there is none. */
export async function json(response) {
  try { return await response.json(); } catch (e) { return null; }
}

/** The Mekong error body of a failed response: {message, details: [{field, problem}]}. */
export async function readError(response) {
  let raw = '';
  let body = null;
  try { raw = await response.text(); body = raw ? JSON.parse(raw) : null; } catch (e) { body = null; }
  let message = body && typeof body.message === 'string' ? body.message.trim() : '';
  if (!message && !body && raw && raw.length < 300 && !raw.includes('<')) message = raw.trim();
  if (!message) {
    message = response.status === 401 ? t('needLogin') : response.status === 403 ? t('forbidden')
      : `${t('requestFailed')} (HTTP ${response.status})`;
  }
  const details = body && Array.isArray(body.details) ? body.details.filter((d) => d && (d.field || d.problem)) : [];
  return { message, details, status: response.status };
}

/** A readable sentence for a failed response, listing every detail as "field: problem". */
export async function errorText(response) {
  const { message, details } = await readError(response);
  if (!details.length) return message;
  return `${message} — ${details.map((d) => [d.field, d.problem].filter(Boolean).join(': ')).join('; ')}`;
}

const locale = () => (lang === 'vi' ? 'vi-VN' : 'en-GB');

/** A number in the current language's format ('—' when missing). */
export function fmt(number, digits = 2) {
  if (number === null || number === undefined || number === '' || Number.isNaN(Number(number))) return '—';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(Number(number));
}

/** A share 0..1 as a percentage. */
export function pct(share) {
  return share === null || share === undefined ? '—' : `${fmt(Number(share) * 100, 1)} %`;
}

/** A date (yyyy-mm-dd) or an instant in the current language. */
export function fmtDate(value) {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Date(`${value}T00:00:00Z`).toLocaleDateString(locale(), { timeZone: 'UTC' });
  }
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? String(value)
    : d.toLocaleString(locale(), { dateStyle: 'short', timeStyle: 'short' });
}

/** A name by language from {nameVi, nameEn} (the code when there is none). */
export function name(item) {
  if (!item) return '';
  if (typeof item === 'string') return item;
  return (lang === 'en' ? item.nameEn || item.nameVi : item.nameVi || item.nameEn) || item.code || '';
}

/** Builds an element: props class, text, dataset, on<event> handlers, anything else as attribute. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(props || {}).forEach(([k, v]) => {
    if (v === null || v === undefined || v === false) return;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k === 'dataset') Object.entries(v).forEach(([dk, dv]) => { if (dv !== null && dv !== undefined) node.dataset[dk] = dv; });
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  });
  children.flat().forEach((c) => { if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c)); });
  return node;
}

export const $ = (id) => document.getElementById(id);

/** A badge: class names like colour-GREEN, state-DRAFT, status-OVERDUE. */
export function badge(cls, text) {
  return el('span', { class: `badge ${cls}` }, text);
}

/** The traffic light of a colour (GREEN|AMBER|RED|NONE) as a dot and its word. */
export function colourBadge(colour, text) {
  const c = ['GREEN', 'AMBER', 'RED'].includes(colour) ? colour : 'NONE';
  return el('span', { class: `light colour-${c}` }, el('span', { class: 'dot', 'aria-hidden': 'true' }), text ?? t(c));
}

/** Shows a message (error class on failure); an empty text clears it. */
export function say(node, text, isError = false) {
  if (!node) return;
  node.textContent = text || '';
  node.classList.toggle('error', Boolean(isError && text));
  node.classList.toggle('ok', Boolean(!isError && text));
}

/** Fills a table body with rows, or one full-width row saying "no data" (or another text). */
export function fillRows(tbody, rows, emptyText) {
  if (rows.length) { tbody.replaceChildren(...rows); return; }
  placeholderRow(tbody, emptyText || t('empty'));
}

/** One full-width row with a note (loading, empty, error). */
export function placeholderRow(tbody, text, isError = false) {
  const columns = tbody.closest('table')?.querySelectorAll('thead th').length || 1;
  tbody.replaceChildren(el('tr', { class: 'placeholder' },
    el('td', { colspan: columns, class: isError ? 'error' : 'muted' }, text)));
}

/** Fetches path (with the token) and saves the body as a file: name from Content-Disposition or fallback. */
export async function download(path, fallbackName, statusNode) {
  const response = await api(path, { headers: { Accept: 'text/csv, application/json;q=0.9, */*;q=0.8' } });
  if (!response.ok) {
    const text = `${t('downloadFailed')}: ${await errorText(response)}`;
    if (statusNode) say(statusNode, text, true); else window.alert(text);
    return false;
  }
  const blob = await response.blob();
  const header = response.headers.get('Content-Disposition') || '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header);
  let fileName = fallbackName;
  if (match) { try { fileName = decodeURIComponent(match[1]); } catch (e) { fileName = match[1]; } }
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
  return true;
}

/** Points an a.export-csv at an API path (shown as href; clicks download with the token). */
export function setExport(link, path, fileName) {
  link.href = `/api${path}`;
  link.dataset.path = path;
  link.dataset.file = fileName;
}

/** Handles clicks on every a.export-csv (and a.evidence) of the page; failures go to statusNode. */
export function initDownloads(statusNode) {
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a.export-csv, a.evidence');
    if (!link || !link.dataset.path) return;
    event.preventDefault();
    download(link.dataset.path, link.dataset.file || 'download', statusNode);
  });
}

let userPromise = null;

/** The signed-in user from GET /api/me ({username, displayName, roles, orgUnits}), or null. */
export function currentUser() {
  if (!userPromise) {
    userPromise = sessionStorage.getItem('mekong.token')
      ? api('/me').then(async (r) => (r.ok ? json(r) : null)) : Promise.resolve(null);
  }
  return userPromise;
}

/** Sets [data-i18n] texts, [data-i18n-placeholder] placeholders and [data-i18n-label] aria-labels. */
export function applyTexts(root = document) {
  document.documentElement.lang = lang;
  root.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((n) => { n.placeholder = t(n.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-label]').forEach((n) => { n.setAttribute('aria-label', t(n.dataset.i18nLabel)); });
}

/**
 * Renders the header bar (brand, page links, user name or sign-in link, language toggle) and
 * the page's static texts; onLanguage() re-renders the page's dynamic parts after a switch.
 */
export async function renderHeader(active, onLanguage, pages = []) {
  let header = document.querySelector('header.bar');
  if (!header) { header = el('header', { class: 'bar' }); document.body.prepend(header); }
  const user = el('span', { id: 'user-name', hidden: true });
  const signIn = el('a', { id: 'sign-in', class: 'sign-in', href: '/ui/index.html', hidden: true }, t('signIn'));
  const toggle = el('button', { id: 'lang-toggle', type: 'button', 'aria-label': t('language') }, lang === 'vi' ? 'EN' : 'VI');
  toggle.addEventListener('click', () => {
    lang = lang === 'vi' ? 'en' : 'vi';
    localStorage.setItem('mekong.lang', lang);
    renderHeader(active, onLanguage, pages);
    if (onLanguage) onLanguage();
  });
  header.replaceChildren(
    el('a', { class: 'brand', href: '/ui/index.html' }, 'Mekong'),
    el('nav', { class: 'pages', 'aria-label': t('pagesNav') }, pages.map(([id, href, key]) => el('a', {
      href, class: `page-link${id === active ? ' active' : ''}`, dataset: { page: id },
      'aria-current': id === active ? 'page' : null
    }, t(key)))),
    el('div', { class: 'right' }, user, signIn, toggle));
  applyTexts();
  const me = await currentUser();
  if (me) {
    user.textContent = me.displayName || me.username;
    user.hidden = false;
  } else {
    signIn.hidden = false;
  }
  return me;
}


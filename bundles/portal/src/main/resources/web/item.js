import { $, api, el, t, addTexts, json, errorText, say, name } from '/ui/kit.js';
import { header, pick, fmtDay, docTypeName, param } from './portal.js';

addTexts({
  vi: { files: 'Tệp đính kèm', notFound: 'Không tìm thấy bài viết hoặc bài viết chưa được đăng.', noSlug: 'Thiếu địa chỉ bài viết.',
    backARTICLE: '‹ Tin tức', backDOCUMENT: '‹ Thư viện văn bản', backACTIVITY: '‹ Hoạt động', bytes: 'byte', untitled: '(Không có tiêu đề)', toHome: 'Về trang chủ' },
  en: { files: 'Attachments', notFound: 'This item does not exist or is not published.', noSlug: 'No item was named.',
    backARTICLE: '‹ News', backDOCUMENT: '‹ Document library', backACTIVITY: '‹ Activities', bytes: 'bytes', untitled: '(Untitled)', toHome: 'Back to the home page' }
});

const LISTS = { ARTICLE: '/portal/news.html', DOCUMENT: '/portal/documents.html', ACTIVITY: '/portal/activities.html' };
let item = null;

/** A file size for people: 234 KB, 1.2 MB. */
function fileSize(size) {
  if (size === null || size === undefined) return '';
  const n = Number(size);
  const f = (v) => new Intl.NumberFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 }).format(v);
  if (n < 1024) return `${f(n)} ${t('bytes')}`;
  if (n < 1024 * 1024) return `${f(n / 1024)} KB`;
  return `${f(n / 1024 / 1024)} MB`;
}

function facts(i) {
  const rows = [];
  const add = (key, value) => { if (value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && !value.length)) rows.push([key, value]); };
  if (i.kind === 'DOCUMENT') {
    add('docNumber', i.docNumber);
    add('docType', docTypeName(i.docType));
    add('issuer', i.issuer);
    add('issuedOn', fmtDay(i.issuedOn));
  }
  if (i.kind === 'ACTIVITY') {
    add('eventDate', fmtDay(i.eventDate));
    add('person', i.person);
    add('orgBody', i.orgBody);
    add('place', i.place);
  }
  if (i.category) {
    add('category', el('a', { href: `${LISTS[i.kind] || LISTS.ARTICLE}?category=${encodeURIComponent(i.category.code)}` }, name(i.category)));
  }
  add('tags', (i.tags || []).map((tag) => el('a', { class: 'pt-tag', href: `${LISTS[i.kind] || LISTS.ARTICLE}?tag=${encodeURIComponent(tag)}` }, `#${tag}`)));
  add('publishedAt', fmtDay(i.publishedAt));
  return rows.flatMap(([key, value]) => [el('dt', { dataset: { field: key } }, t(key)), el('dd', { dataset: { field: key } }, value)]);
}

function render() {
  if (!item) return;
  const title = pick(item, 'title') || t('untitled');
  document.title = `${title} — Mekong`;
  $('item-title').textContent = title;
  $('item-summary').textContent = pick(item, 'summary');
  $('item-facts').replaceChildren(...facts(item));
  $('item-back').href = LISTS[item.kind] || LISTS.ARTICLE;
  $('item-back').textContent = t(`back${item.kind}`);
  // The body is HTML the server sanitised (the one place where server text is parsed as HTML).
  $('item-body').innerHTML = pick(item, 'body');
  const files = item.files || [];
  $('item-files-box').hidden = files.length === 0;
  $('item-files').replaceChildren(...files.map((f) => el('li', { dataset: { id: f.id } },
    el('a', { href: `/api/portal/files/${encodeURIComponent(f.id)}`, type: f.contentType || null }, f.name),
    el('span', { class: 'muted' }, ` (${fileSize(f.size)})`))));
  $('item').hidden = false;
}

async function init() {
  await header(null, () => { if (item) render(); else load(); });
  load();
}

async function load() {
  const slug = param('slug');
  const message = $('item-message');
  if (!slug) { say(message, t('noSlug'), true); return; }
  say(message, t('loading'));
  const r = await api(`/portal/items/${encodeURIComponent(slug)}`);
  if (r.status === 404) { item = null; $('item').hidden = true; $('item-home').hidden = false; say(message, t('notFound'), true); document.title = `${t('notFound')} — Mekong`; return; }
  if (!r.ok) { say(message, await errorText(r), true); return; }
  item = await json(r);
  say(message, '');
  render();
}

init();

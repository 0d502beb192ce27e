// The portal's editor: a list of items with filters, a form with two rich-text editors (Quill,
// loaded by a classic script before this module), the review workflow, attachments and revisions.
import { $, api, send, el, t, addTexts, json, readError, fmtDate, name, query, placeholderRow, fillRows } from '/ui/kit.js';
import { header, isEditor, statusBadge, pager, fillSelect, itemLink, KINDS, STATUSES, DOC_TYPES, docTypeName } from './portal.js';

addTexts({
  vi: {
    adminTitle: 'Biên tập cổng thông tin', noRole: 'Tài khoản của bạn không có vai trò biên tập (EDITOR, REVIEWER hoặc ADMIN).',
    itemsTitle: 'Bài viết', newItem: '+ Bài mới', newItemTitle: 'Bài mới', editItemTitle: 'Sửa bài', status: 'Trạng thái',
    updated: 'Cập nhật', by: 'Người sửa', slug: 'Đường dẫn (slug)', slugHint: 'Để trống: tạo từ tiêu đề',
    titleVi: 'Tiêu đề (tiếng Việt)', titleEn: 'Tiêu đề (tiếng Anh)', summaryVi: 'Tóm tắt (tiếng Việt)', summaryEn: 'Tóm tắt (tiếng Anh)',
    bodyVi: 'Nội dung (tiếng Việt)', bodyEn: 'Nội dung (tiếng Anh)', tagsLabel: 'Từ khoá (cách nhau bằng dấu phẩy)',
    docFields: 'Thông tin văn bản', activityFields: 'Thông tin hoạt động', save: 'Lưu', viewPublic: 'Xem trên cổng',
    actionNote: 'Ghi chú (bắt buộc khi trả lại)', publishAt: 'Thời điểm đăng (để trống: đăng ngay)',
    submitReview: 'Gửi duyệt', publish: 'Duyệt và đăng', return: 'Trả lại', archive: 'Lưu trữ', restore: 'Khôi phục', delete: 'Xoá',
    files: 'Tệp đính kèm', chooseFile: 'Chọn tệp', upload: 'Tải lên', deleteFile: 'Xoá tệp',
    filesHint: 'PDF, PNG, JPG, DOCX, XLSX, TXT; tối đa 10 MiB. Lưu bài trước khi đính kèm tệp.',
    revisions: 'Lịch sử phiên bản', rev: 'Bản', author: 'Người thực hiện', at: 'Thời gian', note: 'Ghi chú', none2: '—',
    NEW: 'Chưa lưu', noCategory: '(Không có)', saved: 'Đã lưu.', created: 'Đã tạo bài (bản nháp).',
    sanitisedNote: 'Máy chủ đã làm sạch HTML của: {fields}.', actionDone: 'Đã chuyển sang trạng thái “{status}”.',
    deleted: 'Đã xoá bài.', confirmDelete: 'Xoá hẳn bài này?', confirmFileDelete: 'Xoá tệp “{name}”?',
    unsaved: 'Có thay đổi chưa lưu. Bỏ các thay đổi này?', noteRequired: 'Cần nhập ghi chú khi trả lại bài.',
    saveFirst: 'Lưu bài trước khi đính kèm tệp.', pickFile: 'Chọn một tệp.', tooBig: 'Tệp quá lớn (tối đa 10 MiB).',
    uploaded: 'Đã tải lên “{name}”.', fileDeleted: 'Đã xoá tệp.', badPublishAt: 'Thời điểm đăng không hợp lệ.',
    version: 'Phiên bản {v}', updatedBy: 'cập nhật {at} bởi {by}', createdBy: 'tạo bởi {by}', scheduledFor: 'hẹn đăng {at}',
    reviewNote: 'Ghi chú duyệt: {note}', conflict: 'Bài đã được người khác sửa. Tải lại bài rồi sửa lại.', reload: 'Tải lại bài',
    titleRequired: 'Cần nhập tiêu đề tiếng Việt.'
  },
  en: {
    adminTitle: 'Portal editor', noRole: 'Your account has no editorial role (EDITOR, REVIEWER or ADMIN).',
    itemsTitle: 'Items', newItem: '+ New item', newItemTitle: 'New item', editItemTitle: 'Edit item', status: 'Status',
    updated: 'Updated', by: 'By', slug: 'Address (slug)', slugHint: 'Empty: made from the title',
    titleVi: 'Title (Vietnamese)', titleEn: 'Title (English)', summaryVi: 'Summary (Vietnamese)', summaryEn: 'Summary (English)',
    bodyVi: 'Body (Vietnamese)', bodyEn: 'Body (English)', tagsLabel: 'Tags (comma separated)',
    docFields: 'Document', activityFields: 'Activity', save: 'Save', viewPublic: 'View on the portal',
    actionNote: 'Note (required to return)', publishAt: 'Publish at (empty: now)',
    submitReview: 'Submit for review', publish: 'Approve and publish', return: 'Return', archive: 'Archive', restore: 'Restore', delete: 'Delete',
    files: 'Attachments', chooseFile: 'Choose a file', upload: 'Upload', deleteFile: 'Delete file',
    filesHint: 'PDF, PNG, JPG, DOCX, XLSX, TXT; at most 10 MiB. Save the item before attaching files.',
    revisions: 'Revisions', rev: 'Rev.', author: 'Author', at: 'Time', note: 'Note', none2: '—',
    NEW: 'Not saved', noCategory: '(None)', saved: 'Saved.', created: 'Item created (draft).',
    sanitisedNote: 'The server cleaned the HTML of: {fields}.', actionDone: 'The item is now “{status}”.',
    deleted: 'Item deleted.', confirmDelete: 'Delete this item for good?', confirmFileDelete: 'Delete the file “{name}”?',
    unsaved: 'There are unsaved changes. Discard them?', noteRequired: 'A note is required to return an item.',
    saveFirst: 'Save the item before attaching files.', pickFile: 'Choose a file.', tooBig: 'The file is too large (at most 10 MiB).',
    uploaded: 'Uploaded “{name}”.', fileDeleted: 'File deleted.', badPublishAt: 'The publication time is not valid.',
    version: 'Version {v}', updatedBy: 'updated {at} by {by}', createdBy: 'created by {by}', scheduledFor: 'scheduled for {at}',
    reviewNote: 'Review note: {note}', conflict: 'Someone else changed this item. Reload it and edit again.', reload: 'Reload the item',
    titleRequired: 'The Vietnamese title is required.'
  }
});

/** The buttons valid in each status (the server checks again). */
const ALLOWED = {
  NEW: ['save'],
  DRAFT: ['save', 'submit-review', 'delete'],
  IN_REVIEW: ['save', 'publish', 'return'],
  SCHEDULED: ['return'],
  PUBLISHED: ['save', 'archive'],
  ARCHIVED: ['restore']
};
const BUTTONS = ['save', 'submit-review', 'publish', 'return', 'archive', 'restore', 'delete'];
const MAX_FILE = 10 * 1024 * 1024;

let options = { kinds: KINDS, statuses: STATUSES, docTypes: [], categories: [] };
let current = null; // the StaffItem in the form, null for a new one
let page = null; // the list
let offset = 0;
let dirty = false;
let busy = false;
let lastMessage = null; // [text key or text, ...] to re-render on a language switch
let showPage = null;
const editors = {};

// ---------- rich-text editors ----------

function makeEditor(node) {
  if (window.Quill) {
    const quill = new window.Quill(node, {
      theme: 'snow',
      modules: { toolbar: [[{ header: [2, 3, false] }], ['bold', 'italic', 'underline', 'link'],
        [{ list: 'ordered' }, { list: 'bullet' }], ['blockquote', 'clean']] }
    });
    quill.on('text-change', (delta, old, source) => { if (source === 'user') dirty = true; });
    return {
      get: () => {
        const html = quill.root.innerHTML;
        return quill.getLength() <= 1 && !/<(img|iframe|video)/i.test(html) ? '' : html;
      },
      // What clipboard.dangerouslyPasteHTML(html) does, without its setSelection(): that would focus
      // the editor (scrolling to it, and opening the keyboard on a phone). The server's HTML is sanitised.
      set: (html) => {
        quill.setContents(html ? quill.clipboard.convert(html) : [], 'silent');
        quill.history.clear();
      },
      enable: (on) => quill.enable(on)
    };
  }
  // Fallback without Quill: a plain editable box (the server sanitises whatever arrives).
  node.classList.add('pt-plain');
  node.contentEditable = 'true';
  node.setAttribute('role', 'textbox');
  node.setAttribute('aria-multiline', 'true');
  node.addEventListener('input', () => { dirty = true; });
  return {
    get: () => (node.textContent.trim() || node.querySelector('img') ? node.innerHTML : ''),
    set: (html) => { node.innerHTML = html || ''; },
    enable: (on) => { node.contentEditable = on ? 'true' : 'false'; }
  };
}

// ---------- messages ----------

const FIELD_LABELS = { titleVi: 'titleVi', titleEn: 'titleEn', summaryVi: 'summaryVi', summaryEn: 'summaryEn', bodyVi: 'bodyVi',
  bodyEn: 'bodyEn', slug: 'slug', kind: 'kind', category: 'category', tags: 'tags', docNumber: 'docNumber', docType: 'docType',
  issuer: 'issuer', issuedOn: 'issuedOn', eventDate: 'eventDate', person: 'person', orgBody: 'orgBody', place: 'place',
  publishAt: 'publishAt', note: 'note' };
const fieldLabel = (field) => (FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field);

/** Shows a message in #form-message: lines of text, optional details [{field, problem}], error or not. */
function showMessage(lines, isError = false, details = []) {
  const box = $('form-message');
  const parts = (Array.isArray(lines) ? lines : [lines]).filter(Boolean);
  box.replaceChildren(...parts.map((p) => el('p', { class: 'pt-msg-line' }, p)));
  if (details.length) {
    box.append(el('ul', {}, details.map((d) => el('li', { dataset: { field: d.field || null } },
      [d.field, d.problem].filter(Boolean).join(': ')))));
  }
  box.classList.toggle('error', Boolean(isError && (parts.length || details.length)));
  box.classList.toggle('ok', Boolean(!isError && parts.length));
  lastMessage = null;
}

async function showFailure(response) {
  const { message, details, status } = await readError(response);
  const lines = [message];
  if (status === 409 && response.url && /\/manage\/items\/\d+$/.test(new URL(response.url).pathname)) lines.push(t('conflict'));
  showMessage(lines, true, details);
  markFields(details);
  if (status === 409 && current) {
    $('form-message').append(el('button', { type: 'button', class: 'secondary', onclick: () => openItem(current.id, true) }, t('reload')));
  }
}

function markFields(details) {
  document.querySelectorAll('#item-form [aria-invalid]').forEach((n) => n.removeAttribute('aria-invalid'));
  (details || []).forEach((d) => {
    const node = document.querySelector(`#item-form [data-field="${CSS.escape(String(d.field || ''))}"]`);
    if (node) node.setAttribute('aria-invalid', 'true');
  });
}

function sanitisedLine(answer) {
  const fields = answer && Array.isArray(answer.sanitised) ? answer.sanitised.filter(Boolean) : [];
  return fields.length ? t('sanitisedNote', { fields: fields.map(fieldLabel).join(', ') }) : '';
}

// ---------- options and selects ----------

function fillOptionSelects() {
  const kinds = options.kinds && options.kinds.length ? options.kinds : KINDS;
  const statuses = options.statuses && options.statuses.length ? options.statuses : STATUSES;
  fillSelect($('filter-status'), statuses.map((s) => [s, t(s)]));
  fillSelect($('filter-kind'), kinds.map((k) => [k, t(k)]));
  fillSelect($('f-kind'), kinds.map((k) => [k, t(k)]), undefined, null);
  fillSelect($('f-category'), options.categories.map((c) => [c.code, name(c)]), undefined, t('noCategory'));
  const types = options.docTypes.length ? options.docTypes.map((d) => d.code) : DOC_TYPES;
  fillSelect($('f-doc-type'), types.map((c) => [c, docTypeName(c, options.docTypes)]), undefined, '—');
}

function showKindFields() {
  const kind = $('f-kind').value;
  $('doc-fields').hidden = kind !== 'DOCUMENT';
  $('activity-fields').hidden = kind !== 'ACTIVITY';
}

// ---------- the list ----------

function renderTable() {
  const tbody = $('items').querySelector('tbody');
  if (!page) return;
  fillRows(tbody, page.items.map((i) => el('tr', {
    dataset: { id: i.id, status: i.status }, class: `clickable${current && current.id === i.id ? ' selected' : ''}`,
    tabindex: '0', onclick: () => openItem(i.id),
    onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); openItem(i.id); } }
  },
  el('td', { class: 'pt-title-cell' }, i.titleVi || i.titleEn || i.slug, el('span', { class: 'sub' }, i.slug)),
  el('td', {}, t(i.kind)),
  el('td', {}, statusBadge(i.status)),
  el('td', { class: 'num' }, fmtDate(i.updatedAt)),
  el('td', {}, i.updatedBy || ''))));
  showPage(page);
}

async function loadItems() {
  const message = $('items-message');
  const r = await api(`/portal/manage/items${query({ status: $('filter-status').value, kind: $('filter-kind').value,
    q: $('filter-q').value.trim(), offset, limit: 50 })}`);
  if (!r.ok) {
    const { message: text } = await readError(r);
    placeholderRow($('items').querySelector('tbody'), text, true);
    message.textContent = '';
    return;
  }
  page = await json(r);
  message.textContent = '';
  renderTable();
}

// ---------- the form ----------

const val = (id) => $(id).value.trim();
const orNull = (v) => (v === '' || v === undefined ? null : v);

function readForm() {
  const kind = $('f-kind').value;
  const doc = kind === 'DOCUMENT';
  const activity = kind === 'ACTIVITY';
  return {
    kind,
    slug: orNull(val('f-slug')),
    titleVi: val('f-title-vi'),
    titleEn: orNull(val('f-title-en')),
    summaryVi: orNull(val('f-summary-vi')),
    summaryEn: orNull(val('f-summary-en')),
    bodyVi: editors.vi.get(),
    bodyEn: orNull(editors.en.get()),
    category: orNull($('f-category').value),
    tags: $('f-tags').value.split(',').map((s) => s.trim()).filter(Boolean),
    docNumber: doc ? orNull(val('f-doc-number')) : null,
    docType: doc ? orNull($('f-doc-type').value) : null,
    issuer: doc ? orNull(val('f-issuer')) : null,
    issuedOn: doc ? orNull($('f-issued-on').value) : null,
    eventDate: activity ? orNull($('f-event-date').value) : null,
    person: activity ? orNull(val('f-person')) : null,
    orgBody: activity ? orNull(val('f-org-body')) : null,
    place: activity ? orNull(val('f-place')) : null,
    version: current ? current.version : undefined
  };
}

function fillForm(item) {
  const i = item || {};
  $('f-kind').value = i.kind || ($('filter-kind').value || 'ARTICLE');
  $('f-slug').value = i.slug || '';
  $('f-title-vi').value = i.titleVi || '';
  $('f-title-en').value = i.titleEn || '';
  $('f-summary-vi').value = i.summaryVi || '';
  $('f-summary-en').value = i.summaryEn || '';
  const code = i.category && typeof i.category === 'object' ? i.category.code : i.category;
  if (code && ![...$('f-category').options].some((o) => o.value === code)) {
    $('f-category').append(el('option', { value: code }, i.category && i.category.nameVi ? name(i.category) : code));
  }
  $('f-category').value = code || '';
  $('f-tags').value = (i.tags || []).join(', ');
  $('f-doc-number').value = i.docNumber || '';
  $('f-doc-type').value = i.docType || '';
  $('f-issuer').value = i.issuer || '';
  $('f-issued-on').value = i.issuedOn || '';
  $('f-event-date').value = i.eventDate || '';
  $('f-person').value = i.person || '';
  $('f-org-body').value = i.orgBody || '';
  $('f-place').value = i.place || '';
  editors.vi.set(i.bodyVi || '');
  editors.en.set(i.bodyEn || '');
  $('action-note').value = '';
  $('publish-at').value = '';
  markFields([]);
  showKindFields();
  dirty = false;
  renderItemState();
  renderFiles();
}

function renderItemState() {
  const status = current ? current.status : 'NEW';
  const badge = $('item-status');
  badge.className = `badge pt-status pt-${status}`;
  badge.dataset.status = status;
  badge.textContent = t(status);
  $('form-heading').textContent = t(current ? 'editItemTitle' : 'newItemTitle');
  const meta = [];
  if (current) {
    meta.push(t('version', { v: current.version }));
    if (current.updatedAt) meta.push(t('updatedBy', { at: fmtDate(current.updatedAt), by: current.updatedBy || '—' }));
    else if (current.createdBy) meta.push(t('createdBy', { by: current.createdBy }));
    if (current.publishAt && current.status === 'SCHEDULED') meta.push(t('scheduledFor', { at: fmtDate(current.publishAt) }));
  }
  $('item-meta').replaceChildren(meta.join(' · '),
    current && current.reviewNote ? el('span', { class: 'pt-review-note' }, ` — ${t('reviewNote', { note: current.reviewNote })}`) : '');
  const link = $('view-public');
  link.hidden = !(current && current.status === 'PUBLISHED' && current.slug);
  if (!link.hidden) link.href = itemLink(current);
  setButtons();
}

function setButtons() {
  const status = current ? current.status : 'NEW';
  const allowed = ALLOWED[status] || [];
  BUTTONS.forEach((id) => { $(id).disabled = busy || !allowed.includes(id); });
  const editable = allowed.includes('save');
  $('item-form').querySelectorAll('input, select, textarea').forEach((n) => { n.disabled = !editable; });
  editors.vi.enable(editable);
  editors.en.enable(editable);
  $('upload').disabled = busy || !current;
  $('f-file').disabled = !current;
  $('publish-at').disabled = !allowed.includes('publish');
  $('action-note').disabled = !['submit-review', 'return', 'archive'].some((a) => allowed.includes(a));
}

function setBusy(on) {
  busy = on;
  setButtons();
}

function renderFiles() {
  const files = current && Array.isArray(current.files) ? current.files : [];
  $('files-hint').textContent = t('filesHint');
  $('f-files').replaceChildren(...files.map((f) => el('li', { dataset: { id: f.id } },
    el('a', { href: `/api/portal/files/${encodeURIComponent(f.id)}`, target: '_blank', rel: 'noopener' }, f.name),
    el('span', { class: 'muted' }, fileSize(f.size)),
    el('button', { type: 'button', class: 'danger', 'aria-label': `${t('deleteFile')}: ${f.name}`, onclick: () => deleteFile(f) }, t('delete')))));
}

function fileSize(size) {
  const n = Number(size) || 0;
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

async function loadRevisions() {
  const tbody = $('revisions').querySelector('tbody');
  if (!current) { placeholderRow(tbody, t('empty')); return; }
  const r = await api(`/portal/manage/items/${current.id}/revisions`);
  if (!r.ok) { placeholderRow(tbody, (await readError(r)).message, true); return; }
  const list = (await json(r)) || [];
  fillRows(tbody, list.map((v) => el('tr', { dataset: { rev: v.rev } },
    el('td', { class: 'num' }, String(v.rev)), el('td', {}, v.status ? statusBadge(v.status) : ''),
    el('td', {}, v.author || ''), el('td', {}, fmtDate(v.at)), el('td', {}, v.note || ''))));
}

function confirmDiscard() {
  return !dirty || window.confirm(t('unsaved'));
}

async function openItem(id, force = false, scroll = true) {
  if (!force && !confirmDiscard()) return;
  const r = await api(`/portal/manage/items/${id}`);
  if (!r.ok) { await showFailure(r); return; }
  current = await json(r);
  fillForm(current);
  showMessage('');
  renderTable();
  loadRevisions();
  if (scroll && window.matchMedia('(max-width: 1499px)').matches) $('editor').scrollIntoView({ block: 'start', behavior: 'smooth' });
}

function newItem() {
  if (!confirmDiscard()) return;
  current = null;
  fillForm(null);
  showMessage('');
  renderTable();
  loadRevisions();
  $('f-title-vi').focus();
}

/** After a successful answer with the StaffItem: keep it, refill the form and refresh the list. */
async function accept(answer, lines) {
  current = answer;
  fillForm(current);
  const extra = sanitisedLine(answer);
  showMessage([...lines, extra]);
  await loadItems();
  loadRevisions();
}

async function save(event) {
  if (event) event.preventDefault();
  if (busy) return;
  const input = readForm();
  if (!input.titleVi) { showMessage(t('titleRequired'), true, []); markFields([{ field: 'titleVi' }]); $('f-title-vi').focus(); return; }
  setBusy(true);
  const isNew = !current;
  const r = isNew ? await send('POST', '/portal/manage/items', input)
    : await send('PUT', `/portal/manage/items/${current.id}`, input);
  setBusy(false);
  if (!r.ok) { await showFailure(r); return; }
  await accept(await json(r), [t(isNew ? 'created' : 'saved')]);
}

async function action(name, body, check) {
  if (!current || busy) return;
  if (check && !check()) return;
  if (dirty && !window.confirm(t('unsaved'))) return;
  setBusy(true);
  const r = await send('POST', `/portal/manage/items/${current.id}/${name}`, body);
  setBusy(false);
  if (!r.ok) { await showFailure(r); return; }
  const answer = await json(r);
  await accept(answer, [t('actionDone', { status: t(answer.status) })]);
}

function publishAt() {
  const value = $('publish-at').value;
  if (!value) return { ok: true, at: null };
  const d = new Date(value); // a datetime-local value is the browser's local time
  return Number.isNaN(d.getTime()) ? { ok: false } : { ok: true, at: d.toISOString() };
}

async function remove() {
  if (!current || busy || !window.confirm(t('confirmDelete'))) return;
  setBusy(true);
  const r = await api(`/portal/manage/items/${current.id}`, { method: 'DELETE' });
  setBusy(false);
  if (!r.ok) { await showFailure(r); return; }
  current = null;
  fillForm(null);
  showMessage(t('deleted'));
  await loadItems();
  loadRevisions();
}

async function upload() {
  if (!current) { showMessage(t('saveFirst'), true); return; }
  const file = $('f-file').files[0];
  if (!file) { showMessage(t('pickFile'), true); return; }
  if (file.size > MAX_FILE) { showMessage(t('tooBig'), true); return; }
  setBusy(true);
  const r = await api(`/portal/manage/items/${current.id}/files${query({ name: file.name })}`, {
    method: 'POST', headers: { 'Content-Type': file.type || 'application/octet-stream' }, body: file
  });
  setBusy(false);
  if (!r.ok) { await showFailure(r); return; }
  const saved = await json(r);
  current.files = [...(current.files || []), saved];
  $('f-file').value = '';
  renderFiles();
  showMessage(t('uploaded', { name: saved.name }));
}

async function deleteFile(f) {
  if (busy || !window.confirm(t('confirmFileDelete', { name: f.name }))) return;
  setBusy(true);
  const r = await api(`/portal/manage/files/${encodeURIComponent(f.id)}`, { method: 'DELETE' });
  setBusy(false);
  if (!r.ok) { await showFailure(r); return; }
  current.files = (current.files || []).filter((x) => x.id !== f.id);
  renderFiles();
  showMessage(t('fileDeleted'));
}

function onLanguage() {
  const keep = { fk: $('f-kind').value, fc: $('f-category').value, fd: $('f-doc-type').value, s: $('filter-status').value, k: $('filter-kind').value };
  fillOptionSelects();
  $('f-kind').value = keep.fk; $('f-category').value = keep.fc; $('f-doc-type').value = keep.fd;
  $('filter-status').value = keep.s; $('filter-kind').value = keep.k;
  renderItemState();
  renderTable();
  renderFiles();
  loadRevisions();
}

async function init() {
  await header('admin', () => { if (!$('workspace').hidden) onLanguage(); });
  const me = await api('/me').then(async (r) => (r.ok ? json(r) : null));
  if (!me) { $('signin-note').hidden = false; return; }
  if (!isEditor(me)) { $('role-note').hidden = false; return; }
  $('workspace').hidden = false;
  editors.vi = makeEditor($('f-body-vi'));
  editors.en = makeEditor($('f-body-en'));
  const r = await api('/portal/manage/options');
  if (r.ok) options = { ...options, ...(await json(r)) };
  options.docTypes = options.docTypes || [];
  options.categories = options.categories || [];
  fillOptionSelects();
  showPage = pager($('items-prev'), $('items-next'), $('items-page'), (o) => { offset = o; loadItems(); });

  $('filter-form').addEventListener('submit', (e) => { e.preventDefault(); offset = 0; loadItems(); });
  $('filter-status').addEventListener('change', () => { offset = 0; loadItems(); });
  $('filter-kind').addEventListener('change', () => { offset = 0; loadItems(); });
  $('new-item').addEventListener('click', newItem);
  $('f-kind').addEventListener('change', showKindFields);
  $('item-form').addEventListener('input', () => { dirty = true; });
  $('item-form').addEventListener('submit', save);
  $('submit-review').addEventListener('click', () => action('submit', { note: orNull(val('action-note')) }));
  $('return').addEventListener('click', () => action('return', { note: val('action-note') }, () => {
    if (val('action-note')) return true;
    showMessage(t('noteRequired'), true);
    $('action-note').setAttribute('aria-invalid', 'true');
    $('action-note').focus();
    return false;
  }));
  $('action-note').addEventListener('input', () => $('action-note').removeAttribute('aria-invalid'));
  $('publish').addEventListener('click', () => {
    const p = publishAt();
    if (!p.ok) { showMessage(t('badPublishAt'), true); return; }
    action('publish', p.at ? { publishAt: p.at } : {});
  });
  $('archive').addEventListener('click', () => action('archive', { note: orNull(val('action-note')) }));
  $('restore').addEventListener('click', () => action('restore', {}));
  $('delete').addEventListener('click', remove);
  $('upload').addEventListener('click', upload);
  window.addEventListener('beforeunload', (e) => { if (dirty) { e.preventDefault(); e.returnValue = ''; } });

  fillForm(null);
  loadRevisions();
  const id = new URLSearchParams(window.location.search).get('id');
  await loadItems();
  if (id) openItem(id, true, false);
}

init();

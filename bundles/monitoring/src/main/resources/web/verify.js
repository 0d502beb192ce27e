// The verifier's queue: filters (unit subtree, period, indicator, state), one page of values from
// GET /api/monitoring/verification (each beside its previous period, with the outlier flag and its
// evidence in the same answer), and verifying or rejecting the selected values at once through
// POST /api/datavalues/verify and /reject, the rejection reason typed in a dialog.
import {
  addTexts, t, api, send, query, json, readError, fmt, fmtDate, name, el, $, badge, say, fillRows,
  placeholderRow, initDownloads, evidenceLink, renderHeader
} from './common.js';

addTexts({
  vi: {
    verifyTitle: 'Xác minh số liệu — Mekong', verifyHeading: 'Xác minh số liệu', signInToVerify: 'Đăng nhập để xác minh số liệu.',
    filters: 'Bộ lọc', orgUnit: 'Đơn vị', period: 'Kỳ báo cáo', form: 'Biểu mẫu báo cáo', allForms: '— Mọi biểu mẫu —', indicator: 'Chỉ số', state: 'Trạng thái', apply: 'Lọc',
    periodHint: 'Để trống để xem mọi kỳ; ví dụ 202609, 2026Q3, 2026.', allUnits: 'Mọi đơn vị cấp dưới',
    allIndicators: 'Mọi chỉ số', subtreeOf: '{name} (cả đơn vị trực thuộc)',
    queueHeading: 'Giá trị chờ xác minh', queueHeadingSUBMITTED: 'Giá trị chờ xác minh',
    queueHeadingVERIFIED: 'Giá trị đã xác minh', queueHeadingREJECTED: 'Giá trị đã trả lại', queueHeadingDRAFT: 'Giá trị bản nháp',
    selectAll: 'Chọn tất cả trên trang', select: 'Chọn', selectRow: 'Chọn {key}',
    selectedCount: 'Đã chọn {n}', verifySelected: 'Xác minh các giá trị đã chọn', rejectSelected: 'Trả lại các giá trị đã chọn',
    value: 'Giá trị', previous: 'Kỳ trước', check: 'Kiểm tra', comment: 'Ghi chú', files: 'Minh chứng',
    noPrevious: 'Chưa có', changeBy: 'thay đổi {change}', outlier: 'Bất thường', withinRange: 'Trong khoảng',
    outlierWhy: 'Ngoài khoảng dự kiến theo các kỳ trước',
    outlierHint: 'Giá trị nằm ngoài khoảng dự kiến theo các kỳ trước của đơn vị ({problem})',
    noFiles: 'Không có', caption: '{from}–{to} trên {total} giá trị', captionEmpty: '0 giá trị',
    pageInfo: 'Trang {page}/{pages}', previousPage: 'Trang trước', nextPage: 'Trang sau', pagesLabel: 'Phân trang',
    noQueue: 'Không có giá trị nào khớp bộ lọc.', verifying: 'Đang xác minh…', rejecting: 'Đang trả lại…',
    verifiedOk: 'Đã xác minh {n} giá trị: {keys}.', rejectedOk: 'Đã trả lại {n} giá trị: {keys}.',
    rejectTitle: 'Trả lại số liệu', rejectSummary: 'Trả lại {n} giá trị cho người nhập: {keys}.',
    reasonLabel: 'Lý do trả lại (người nhập sẽ thấy lý do này)', rejectConfirm: 'Trả lại', cancel: 'Huỷ',
    reasonRequired: 'Cần nêu lý do trả lại.',
    failed400: 'Yêu cầu chưa hợp lệ', failed403: 'Bạn không có quyền quyết định với các giá trị này',
    failed404: 'Không tìm thấy giá trị', failed409: 'Trạng thái của giá trị đã thay đổi; không giá trị nào được thay đổi',
    failedOther: 'Không thực hiện được', serverSays: 'Máy chủ: {message}'
  },
  en: {
    verifyTitle: 'Verify data — Mekong', verifyHeading: 'Verify data', signInToVerify: 'Sign in to verify data.',
    filters: 'Filters', orgUnit: 'Unit', period: 'Period', form: 'Reporting form', allForms: '— All forms —', indicator: 'Indicator', state: 'State', apply: 'Apply',
    periodHint: 'Leave empty for every period; e.g. 202609, 2026Q3, 2026.', allUnits: 'Every unit below mine',
    allIndicators: 'Every indicator', subtreeOf: '{name} (with the units below)',
    queueHeading: 'Values waiting for verification', queueHeadingSUBMITTED: 'Values waiting for verification',
    queueHeadingVERIFIED: 'Verified values', queueHeadingREJECTED: 'Rejected values', queueHeadingDRAFT: 'Draft values',
    selectAll: 'Select all on this page', select: 'Select',
    selectRow: 'Select {key}', selectedCount: '{n} selected', verifySelected: 'Verify selected', rejectSelected: 'Reject selected',
    value: 'Value', previous: 'Previous period', check: 'Check', comment: 'Comment', files: 'Evidence',
    noPrevious: 'None', changeBy: 'change {change}', outlier: 'Outlier', withinRange: 'Within range',
    outlierWhy: "Outside the range expected from earlier periods",
    outlierHint: "The value lies outside the range expected from the unit's earlier periods ({problem})",
    noFiles: 'None', caption: '{from}–{to} of {total} values', captionEmpty: '0 values',
    pageInfo: 'Page {page} of {pages}', previousPage: 'Previous page', nextPage: 'Next page', pagesLabel: 'Pages',
    noQueue: 'No value matches the filters.', verifying: 'Verifying…', rejecting: 'Rejecting…',
    verifiedOk: 'Verified {n} values: {keys}.', rejectedOk: 'Rejected {n} values: {keys}.',
    rejectTitle: 'Reject values', rejectSummary: 'Send {n} values back to the reporter: {keys}.',
    reasonLabel: 'Reason for the rejection (the reporter will see it)', rejectConfirm: 'Reject', cancel: 'Cancel',
    reasonRequired: 'A rejection needs a reason.',
    failed400: 'The request is not valid', failed403: 'You may not decide on these values',
    failed404: 'A value was not found', failed409: "A value's state has changed; nothing was changed",
    failedOther: 'That did not work', serverSays: 'Server: {message}'
  }
});

const LIMIT = 25;
let user = null;
let units = [];
let indicators = [];
let page = null;
let offset = 0;
let seq = 0;
const selected = new Map();
const keyOf = (v) => `${v.indicator}/${v.orgUnit}/${v.period}`;
const roles = () => (Array.isArray(user?.roles) ? user.roles : []);
const national = () => roles().some((r) => r === 'ADMIN' || r === 'CENTRAL_IT');
const rowName = (v, nameVi, nameEn, code) => name({ nameVi: v[nameVi], nameEn: v[nameEn], code: v[code] });

/** A failed answer in the user's language, with the server's own words after it. */
async function failure(response) {
  const { message, details } = await readError(response);
  const lead = t([400, 403, 404, 409].includes(response.status) ? `failed${response.status}` : 'failedOther');
  const detail = details.map((d) => [d.field, d.problem].filter(Boolean).join(': ')).join('; ');
  return `${lead}. ${t('serverSays', { message: [message, detail].filter(Boolean).join(' — ') })}`;
}

/** The unit picker: the caller's own units' subtrees (national roles: the country's first two levels). */
async function loadUnits() {
  const roots = national() ? ['VN'] : (Array.isArray(user?.orgUnits) ? user.orgUnits : []);
  const lists = await Promise.all(roots.map(async (code) => {
    const response = national() ? await api(`/orgunits/${encodeURIComponent(code)}/children`)
      : await api(`/orgunits/${encodeURIComponent(code)}/subtree${query({ limit: 1000 })}`);
    const body = response.ok ? await json(response) : null;
    return Array.isArray(body) ? body : body?.items || [];
  }));
  const seen = new Set();
  units = lists.flat().filter((u) => u && !seen.has(u.code) && seen.add(u.code));
  renderUnits();
}

function renderUnits() {
  const select = $('filter-orgunit');
  const chosen = select.value;
  const depth = (u) => (u.path || '').split('/').length;
  const top = Math.min(...units.map(depth));
  select.replaceChildren(el('option', { value: '' }, t('allUnits')), ...units.map((u) => el('option', { value: u.code },
    `${'\u00a0\u00a0'.repeat(Math.max(0, depth(u) - top))}${t('subtreeOf', { name: name(u) })}`)));
  select.value = units.some((u) => u.code === chosen) ? chosen : '';
}

async function loadIndicators() {
  const response = await api('/indicators');
  const body = response.ok ? await json(response) : null;
  const list = Array.isArray(body) ? body : body?.items || [];
  indicators = list.filter((i) => i.source === 'MANUAL' && !(i.formula && String(i.formula).trim()));
  renderIndicators();
}

let forms = [];

async function loadForms() {
  const response = await api('/forms');
  const body = response.ok ? await json(response) : null;
  forms = Array.isArray(body) ? body : body?.items || [];
  renderForms();
}

function renderForms() {
  const select = $('filter-form');
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '' }, t('allForms')),
    ...forms.map((f) => el('option', { value: f.code }, name(f))));
  select.value = forms.some((f) => f.code === chosen) ? chosen : '';
}

function renderIndicators() {
  const select = $('filter-indicator');
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '' }, t('allIndicators')),
    ...indicators.map((i) => el('option', { value: i.code }, name(i))));
  select.value = indicators.some((i) => i.code === chosen) ? chosen : '';
}

async function loadQueue() {
  const mine = ++seq;
  const tbody = $('queue-table').tBodies[0];
  placeholderRow(tbody, t('loading'));
  const params = {
    orgUnit: $('filter-orgunit').value, period: $('filter-period').value.trim(), form: $('filter-form').value,
    indicator: $('filter-indicator').value,
    state: $('filter-state').value, offset, limit: LIMIT
  };
  const response = await api(`/monitoring/verification${query(params)}`);
  if (mine !== seq) return;
  if (!response.ok) {
    page = null;
    placeholderRow(tbody, await failure(response), true);
    renderPager();
    return;
  }
  page = await json(response);
  if (mine !== seq) return;
  if (page.items.length === 0 && offset > 0 && page.total > 0) {
    // the last page emptied (its values were decided): show the new last page
    offset = Math.floor((page.total - 1) / LIMIT) * LIMIT;
    loadQueue();
    return;
  }
  selected.clear();
  renderQueue();
}

function renderQueue() {
  if (!page) return;
  const decidable = $('filter-state').value === 'SUBMITTED';
  $('queue-heading').textContent = t(`queueHeading${$('filter-state').value}`);
  fillRows($('queue-table').tBodies[0], page.items.map((v) => row(v, decidable)), t('noQueue'));
  renderPager();
  renderSelection();
}

function row(v, decidable) {
  const key = keyOf(v);
  const box = el('input', {
    type: 'checkbox', class: 'pick', 'aria-label': t('selectRow', { key }), disabled: !decidable,
    onchange: (e) => { if (e.currentTarget.checked) selected.set(key, v); else selected.delete(key); renderSelection(); }
  });
  box.checked = selected.has(key);
  // counts are plain numbers; other units of measure (%, km, ...) follow the number
  const unit = v.unitOfMeasure && !['count', 'số'].includes(v.unitOfMeasure.toLowerCase()) ? ` ${v.unitOfMeasure}` : '';
  const previous = v.previousValue === null || v.previousValue === undefined
    ? el('td', { class: 'num', 'data-label': t('previous') }, t('noPrevious'), el('span', { class: 'sub' }, v.previousPeriod || ''))
    : el('td', { class: 'num', 'data-label': t('previous') }, `${fmt(v.previousValue, 6)}${unit}`,
      el('span', { class: 'sub' }, v.previousPeriod),
      el('span', { class: `sub change ${v.change > 0 ? 'up' : v.change < 0 ? 'down' : ''}` },
        t('changeBy', { change: `${v.change > 0 ? '+' : ''}${fmt(v.change, 4)}` })));
  const check = v.outlier
    ? el('span', { class: 'badge outlier', title: t('outlierHint', { problem: v.outlierProblem || '' }) }, t('outlier'))
    : el('span', { class: 'muted' }, t('withinRange'));
  const files = v.evidence && v.evidence.length
    ? v.evidence.flatMap((f, i) => (i ? [el('br'), evidenceLink(f)] : [evidenceLink(f)])) : [t('noFiles')];
  return el('tr', { dataset: { key, indicator: v.indicator, orgUnit: v.orgUnit, period: v.period }, class: v.outlier ? 'is-outlier' : null },
    el('td', { class: 'pick-cell' }, box),
    el('td', { 'data-label': t('indicator') }, rowName(v, 'indicatorNameVi', 'indicatorNameEn', 'indicator'),
      el('span', { class: 'code' }, v.indicator)),
    el('td', { 'data-label': t('orgUnit') }, rowName(v, 'orgUnitNameVi', 'orgUnitNameEn', 'orgUnit'),
      el('span', { class: 'code' }, v.orgUnit)),
    el('td', { 'data-label': t('period') }, v.period),
    el('td', { class: 'num value', 'data-label': t('value') }, `${fmt(v.value, 6)}${unit}`),
    previous,
    el('td', { class: 'check', 'data-label': t('check') }, check,
      v.outlier ? el('span', { class: 'sub outlier-why' }, t('outlierWhy')) : null),
    el('td', { 'data-label': t('comment') }, v.comment || '—'),
    el('td', { class: 'files', 'data-label': t('files') }, ...files),
    el('td', { 'data-label': t('state') }, badge(`state-${v.state}`, t(v.state)),
      el('span', { class: 'sub' }, v.updatedBy || '', ' · ', fmtDate(v.updatedAt)),
      v.reason ? el('span', { class: 'sub' }, v.reason) : null));
}

function renderPager() {
  const total = page?.total || 0;
  const pages = Math.max(1, Math.ceil(total / LIMIT));
  const current = Math.floor(offset / LIMIT) + 1;
  $('queue-caption').textContent = !page ? '' : total === 0 ? t('captionEmpty')
    : t('caption', { from: offset + 1, to: Math.min(offset + LIMIT, total), total });
  $('page-info').textContent = t('pageInfo', { page: current, pages });
  $('page-prev').disabled = !page || offset === 0;
  $('page-next').disabled = !page || offset + LIMIT >= total;
}

function renderSelection() {
  const boxes = [...document.querySelectorAll('#queue-table input.pick:not(:disabled)')];
  const all = $('select-all');
  all.checked = boxes.length > 0 && boxes.every((b) => b.checked);
  all.indeterminate = !all.checked && boxes.some((b) => b.checked);
  all.disabled = boxes.length === 0;
  $('selected-count').textContent = selected.size ? t('selectedCount', { n: selected.size }) : '';
  $('verify-selected').disabled = selected.size === 0;
  $('reject-selected').disabled = selected.size === 0;
}

function selectAll(event) {
  const on = event.currentTarget.checked;
  document.querySelectorAll('#queue-table input.pick:not(:disabled)').forEach((box) => {
    box.checked = on;
    const key = box.closest('tr').dataset.key;
    const v = page.items.find((item) => keyOf(item) === key);
    if (on) selected.set(key, v); else selected.delete(key);
  });
  renderSelection();
}

const chosenKeys = () => [...selected.values()].map((v) => ({ indicator: v.indicator, orgUnit: v.orgUnit, period: v.period }));
const labels = () => [...selected.keys()].join(', ');

async function decide(action, reason) {
  const message = $('queue-message');
  const body = { keys: chosenKeys() };
  if (reason) body.reason = reason;
  const names = labels();
  const buttons = [$('verify-selected'), $('reject-selected')];
  buttons.forEach((b) => { b.disabled = true; });
  say(message, t(action === 'verify' ? 'verifying' : 'rejecting'));
  const response = await send('POST', `/datavalues/${action}`, body);
  if (response.ok) {
    const n = (await json(response))?.changed ?? body.keys.length;
    say(message, t(action === 'verify' ? 'verifiedOk' : 'rejectedOk', { n, keys: names }));
    await loadQueue();
    return true;
  }
  say(message, await failure(response), true);
  renderSelection();
  return false;
}

function openReject() {
  const dialog = $('reject-dialog');
  $('reject-summary').textContent = t('rejectSummary', { n: selected.size, keys: labels() });
  $('reject-reason').value = '';
  say($('reject-error'), '');
  dialog.showModal();
  $('reject-reason').focus();
}

async function confirmReject(event) {
  event.preventDefault();
  const reason = $('reject-reason').value.trim();
  if (!reason) {
    say($('reject-error'), t('reasonRequired'), true);
    $('reject-reason').focus();
    return;
  }
  $('reject-confirm').disabled = true;
  const done = await decide('reject', reason);
  $('reject-confirm').disabled = false;
  if (done) $('reject-dialog').close();
  else say($('reject-error'), $('queue-message').textContent, true);
}

function rerender() {
  renderUnits();
  renderForms();
  renderIndicators();
  renderQueue();
  renderPager();
}

async function init() {
  initDownloads($('queue-message'));
  user = await renderHeader('verify', rerender);
  $('signin-note').hidden = Boolean(user);
  if (!user) {
    placeholderRow($('queue-table').tBodies[0], t('needLogin'), true);
    return;
  }
  await Promise.all([loadUnits(), loadIndicators(), loadForms()]);
  loadQueue();
}

$('queue-filters').addEventListener('submit', (e) => { e.preventDefault(); offset = 0; loadQueue(); });
$('filter-state').addEventListener('change', () => { offset = 0; loadQueue(); });
$('select-all').addEventListener('change', selectAll);
$('verify-selected').addEventListener('click', () => decide('verify'));
$('reject-selected').addEventListener('click', openReject);
$('reject-form').addEventListener('submit', confirmReject);
$('reject-reason').addEventListener('input', () => say($('reject-error'), ''));
$('reject-cancel').addEventListener('click', () => $('reject-dialog').close());
$('page-prev').addEventListener('click', () => { offset = Math.max(0, offset - LIMIT); loadQueue(); });
$('page-next').addEventListener('click', () => { offset += LIMIT; loadQueue(); });
init();

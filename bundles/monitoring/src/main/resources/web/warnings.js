// Early warnings: critical first, filtered by severity, rule and status; open warnings can be acknowledged.
import {
  addTexts, t, api, query, json, errorText, fmt, fmtDate, name, el, $, badge, say, fillRows, placeholderRow,
  setExport, initDownloads, renderHeader
} from './common.js';

addTexts({
  vi: {
    warningsTitle: 'Cảnh báo sớm — Mekong', status: 'Trạng thái', allStatuses: 'Tất cả', rule: 'Quy tắc',
    allRules: 'Tất cả quy tắc', orgUnitCode: 'Mã đơn vị', filter: 'Lọc', severity: 'Mức độ', orgUnit: 'Đơn vị',
    message: 'Nội dung', raisedAt: 'Thời điểm', actions: 'Thao tác', acknowledge: 'Tiếp nhận',
    acknowledgedBy: 'Tiếp nhận bởi {user}, {time}', closedAt: 'Đóng lúc {time}', acknowledged: 'Đã tiếp nhận cảnh báo #{id}.',
    count: 'Hiển thị {shown}/{total} cảnh báo.', noWarnings: 'Không có cảnh báo nào.',
    allSeverities: 'Tất cả mức độ', criticalAndWarning: 'Nghiêm trọng và cảnh báo'
  },
  en: {
    warningsTitle: 'Early warnings — Mekong', status: 'Status', allStatuses: 'All', rule: 'Rule', allRules: 'All rules',
    orgUnitCode: 'Unit code', filter: 'Filter', severity: 'Severity', orgUnit: 'Unit', message: 'Message',
    raisedAt: 'Raised', actions: 'Actions', acknowledge: 'Acknowledge', acknowledgedBy: 'Acknowledged by {user}, {time}',
    closedAt: 'Closed at {time}', acknowledged: 'Warning #{id} acknowledged.', count: 'Showing {shown} of {total} warnings.',
    noWarnings: 'No warnings.', allSeverities: 'All severities', criticalAndWarning: 'Critical and warnings'
  }
});

let page = null;
let rules = new Map();
let loads = 0;
let initialRule = new URLSearchParams(location.search).get('rule') || '';

const filters = () => ({
  status: $('warning-status').value, severity: $('warning-severity').value, rule: $('warning-rule').value,
  orgUnit: $('warning-orgunit').value.trim()
});

async function loadRules() {
  const response = await api('/warnings/rules');
  if (!response.ok) return;
  const list = (await json(response)) || [];
  rules = new Map((Array.isArray(list) ? list : list.items || []).map((r) => [r.id, r]));
  renderRules();
}

function renderRules() {
  const select = $('warning-rule');
  const chosen = select.value || initialRule;
  initialRule = '';
  select.replaceChildren(el('option', { value: '' }, t('allRules')),
    ...[...rules.values()].map((r) => el('option', { value: r.id }, name(r) || r.id)));
  select.value = rules.has(chosen) ? chosen : '';
}

async function loadWarnings() {
  const mine = ++loads;
  const f = filters();
  setExport($('export-warnings'), `/warnings${query({ ...f, format: 'csv' })}`, 'warnings.csv');
  placeholderRow($('warnings-table').tBodies[0], t('loading'));
  const response = await api(`/warnings${query({ ...f, limit: 500 })}`);
  const body = response.ok ? await json(response) : null;
  if (mine !== loads) return;
  if (!body) {
    page = null;
    const text = response.ok ? t('requestFailed') : await errorText(response);
    say($('warnings-message'), text, true);
    placeholderRow($('warnings-table').tBodies[0], text, true);
    $('warnings-count').textContent = '';
    return;
  }
  page = body;
  renderWarnings();
}

function renderWarnings() {
  if (!page) return;
  const items = page.items || [];
  fillRows($('warnings-table').tBodies[0], items.map((w) => {
    const rule = rules.get(w.rule);
    const state = w.status === 'ACKNOWLEDGED' && w.acknowledgedBy
      ? el('span', { class: 'sub' }, t('acknowledgedBy', { user: w.acknowledgedBy, time: fmtDate(w.acknowledgedAt) }))
      : w.status === 'CLOSED' && w.closedAt ? el('span', { class: 'sub' }, t('closedAt', { time: fmtDate(w.closedAt) })) : null;
    return el('tr', { dataset: { id: w.id, status: w.status, severity: w.severity } },
      el('td', {}, badge(`severity-${w.severity}`, t(w.severity))),
      el('td', {}, rule ? name(rule) : w.rule, rule ? el('span', { class: 'code' }, w.rule) : null),
      el('td', {}, w.orgUnit || ''),
      el('td', {}, w.message || '', w.subjectKey ? el('span', { class: 'sub' }, w.subjectKey) : null),
      el('td', {}, fmtDate(w.raisedAt)),
      el('td', {}, badge(`status-${w.status}`, t(w.status)), state),
      el('td', {}, w.status === 'OPEN' ? el('button', {
        type: 'button', class: 'ack', dataset: { id: w.id }, onclick: (e) => acknowledge(w.id, e.currentTarget)
      }, t('acknowledge')) : null));
  }), t('noWarnings'));
  $('warnings-count').textContent = t('count', { shown: fmt(items.length, 0), total: fmt(page.total ?? items.length, 0) });
}

async function acknowledge(id, button) {
  button.disabled = true;
  const response = await api(`/warnings/${encodeURIComponent(id)}/acknowledge`, { method: 'POST' });
  if (response.ok) say($('warnings-message'), t('acknowledged', { id }));
  else { say($('warnings-message'), await errorText(response), true); button.disabled = false; return; }
  loadWarnings();
}

$('warning-filter').addEventListener('submit', (e) => { e.preventDefault(); say($('warnings-message'), ''); loadWarnings(); });
$('warning-status').addEventListener('change', () => { say($('warnings-message'), ''); loadWarnings(); });
$('warning-rule').addEventListener('change', () => { say($('warnings-message'), ''); loadWarnings(); });
$('warning-severity').addEventListener('change', () => { say($('warnings-message'), ''); loadWarnings(); });

async function init() {
  initDownloads($('warnings-message'));
  const p = new URLSearchParams(location.search);
  $('warning-orgunit').value = p.get('orgUnit') || '';
  if (p.has('status')) $('warning-status').value = p.get('status');
  if (p.has('severity')) $('warning-severity').value = p.get('severity');
  const user = await renderHeader('warnings', () => { renderRules(); renderWarnings(); });
  $('signin-note').hidden = Boolean(user);
  await loadRules();
  loadWarnings();
}
init();

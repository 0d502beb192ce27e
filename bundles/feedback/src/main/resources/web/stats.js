import { $, api, el, t, addTexts, name, json, say, fmt, pct, query, fillRows, setExport, initDownloads } from '/ui/kit.js';
import { header } from './fb.js';

addTexts({
  vi: { statsTitle: 'Thống kê tiếp nhận, giải quyết phản ánh', from: 'Từ ngày', to: 'Đến ngày', asOf: 'Tính đến',
    show: 'Xem', hueExample: 'Ví dụ Huế, 1/7/2025', unit: 'Đơn vị', received: 'Tiếp nhận', resolved: 'Đã giải quyết',
    rate: 'Tỷ lệ', avgDays: 'Số ngày TB', overdueCol: 'Quá hạn', late: 'Giải quyết trễ', total: 'Tổng' },
  en: { statsTitle: 'Feedback received and resolved', from: 'From', to: 'To', asOf: 'As of', show: 'Show',
    hueExample: 'Hue example, 1 July 2025', unit: 'Unit', received: 'Received', resolved: 'Resolved', rate: 'Rate',
    avgDays: 'Avg. days', overdueCol: 'Overdue', late: 'Resolved late', total: 'Total' }
});

let last = null;

function params() {
  const p = new URLSearchParams(location.search);
  const year = new Date().getFullYear();
  return { orgUnit: p.get('orgUnit') || '', from: p.get('from') || `${year}-01-01`, to: p.get('to') || '', asOf: p.get('asOf') || '' };
}

function go(next, push = true) {
  const url = `?${new URLSearchParams(Object.entries(next).filter(([, v]) => v))}`;
  if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
  load();
}

function row(r, total) {
  const cells = [r.received, r.resolved].map((v) => el('td', { class: 'num' }, fmt(v, 0)));
  const unit = r.hasChildren
    ? el('a', { href: '#', class: 'drill', dataset: { code: r.orgUnit.code }, onclick: (e) => { e.preventDefault(); go({ ...params(), orgUnit: r.orgUnit.code }); } }, name(r.orgUnit))
    : name(r.orgUnit);
  return el('tr', { dataset: { code: r.orgUnit ? r.orgUnit.code : 'total' } },
    el(total ? 'th' : 'td', {}, total ? t('total') : unit), ...cells, el('td', { class: 'num' }, pct(r.rate)),
    el('td', {}, el('div', { class: 'bar-cell' }, el('span', { style: `width:${Math.round((r.rate || 0) * 100)}%` }))),
    el('td', { class: 'num' }, fmt(r.avgDays, 1)), el('td', { class: 'num' }, fmt(r.overdue, 0)), el('td', { class: 'num' }, fmt(r.late, 0)));
}

async function load() {
  const p = params();
  $('st-from').value = p.from; $('st-to').value = p.to; $('st-asof').value = p.asOf;
  const message = $('st-message');
  say(message, t('loading'));
  const path = `/feedback/stats${query(p)}`;
  const r = await api(path);
  if (!r.ok) { say(message, t('requestFailed'), true); return; }
  last = await json(r);
  say(message, '');
  $('st-breadcrumb').replaceChildren(...last.breadcrumb.map((u, i) => el('a', { href: '#', dataset: { code: u.code },
    'aria-current': i === last.breadcrumb.length - 1 ? 'page' : null,
    onclick: (e) => { e.preventDefault(); go({ ...params(), orgUnit: u.code }); } }, `${i ? ' › ' : ''}${name(u)}`)));
  fillRows($('st-table').querySelector('tbody'), last.children.map((c) => row(c, false)));
  $('st-table').querySelector('tfoot').replaceChildren(row(last.total, true));
  setExport($('st-csv'), `/feedback/stats${query({ ...p, format: 'csv' })}`, 'feedback-stats.csv');
}

async function init() {
  await header('stats', () => load());
  initDownloads($('st-message'));
  $('st-form').addEventListener('submit', (e) => { e.preventDefault(); go({ ...params(), from: $('st-from').value, to: $('st-to').value, asOf: $('st-asof').value }); });
  $('st-hue').addEventListener('click', () => go({ orgUnit: 'HUE', from: '2025-01-01', to: '2025-06-30', asOf: '2025-07-01' }));
  window.addEventListener('popstate', load);
  go(params(), false);
}

init();

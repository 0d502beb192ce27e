import { $, api, el, t, addTexts, name, json, readError, say, send, fmtDate, query, fillRows, download } from '/ui/kit.js';
import { header, statusBadge, optionName } from './fb.js';

addTexts({
  vi: { inboxTitle: 'Xử lý phản ánh, kiến nghị', status: 'Trạng thái', search: 'Tìm kiếm', overdueOnly: 'Chỉ quá hạn',
    filter: 'Lọc', all: 'Tất cả', code: 'Mã', title: 'Tiêu đề', place: 'Nơi', deadline: 'Hạn', answer: 'Trả lời',
    duplicates: 'Phản ánh tương tự', notes: 'Ghi chú nội bộ', history: 'Lịch sử', sender: 'Người gửi', suggestion: 'Gợi ý',
    unit: 'Đơn vị xử lý', route: 'Đơn vị theo quy tắc', files: 'Tệp', accept: 'Nhận gợi ý', classify: 'Phân loại',
    assign: 'Giao xử lý', start: 'Bắt đầu xử lý', doAnswer: 'Trả lời', publish: 'Công khai', reject: 'Từ chối',
    merge: 'Gộp vào', note: 'Thêm ghi chú', askCategory: 'Loại (DIFFICULTY, POLICY_PROPOSAL, INITIATIVE, ADMIN_PROCEDURE, OTHER):',
    askField: 'Lĩnh vực (SCIENCE_TECHNOLOGY, INNOVATION, DIGITAL_TRANSFORMATION, OTHER):', askUnit: 'Mã đơn vị (để trống: theo quy tắc):',
    askNote: 'Ghi chú:', askAnswer: 'Nội dung trả lời:', askReason: 'Lý do:', askInto: 'Mã phản ánh chính:', done: 'Đã cập nhật.' },
  en: { inboxTitle: 'Feedback inbox', status: 'Status', search: 'Search', overdueOnly: 'Overdue only', filter: 'Filter',
    all: 'All', code: 'Code', title: 'Title', place: 'Place', deadline: 'Deadline', answer: 'Answer',
    duplicates: 'Similar items', notes: 'Internal notes', history: 'History', sender: 'Sender', suggestion: 'Suggestion',
    unit: 'Handled by', route: 'Routed unit', files: 'Files', accept: 'Accept suggestion', classify: 'Classify',
    assign: 'Assign', start: 'Start', doAnswer: 'Answer', publish: 'Publish', reject: 'Reject', merge: 'Merge into',
    note: 'Add note', askCategory: 'Kind (DIFFICULTY, POLICY_PROPOSAL, INITIATIVE, ADMIN_PROCEDURE, OTHER):',
    askField: 'Field (SCIENCE_TECHNOLOGY, INNOVATION, DIGITAL_TRANSFORMATION, OTHER):', askUnit: 'Unit code (empty: by the rules):',
    askNote: 'Note:', askAnswer: 'Answer:', askReason: 'Reason:', askInto: 'Code of the primary item:', done: 'Updated.' }
});

const STATUSES = ['RECEIVED', 'CLASSIFIED', 'ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'PUBLISHED', 'REJECTED', 'MERGED'];
let options = { categories: [], fields: [] };
let item = null;

async function load() {
  const message = $('in-message');
  const r = await api(`/feedback/items${query({ status: $('in-status').value, q: $('in-q').value.trim(),
    overdue: $('in-overdue').checked ? 'true' : '', limit: 100 })}`);
  if (!r.ok) { say(message, (await readError(r)).message, true); return; }
  const page = await json(r);
  say(message, `${page.total}`);
  fillRows($('in-table').querySelector('tbody'), page.items.map((i) => el('tr', { class: 'clickable', dataset: { code: i.code },
    onclick: () => open(i.code) }, el('td', {}, i.code), el('td', {}, i.title), el('td', {}, name(i.orgUnit)),
  el('td', {}, statusBadge(i.status)), el('td', {}, `${fmtDate(i.deadline)}${i.overdue ? ` (${t('overdue')})` : ''}`))));
}

async function open(code) {
  const r = await api(`/feedback/items/${encodeURIComponent(code)}`);
  if (!r.ok) { say($('in-message'), (await readError(r)).message, true); return; }
  item = await json(r);
  history.replaceState(null, '', `?code=${encodeURIComponent(code)}`);
  render();
}

async function act(action, body) {
  const r = await send('POST', `/feedback/items/${encodeURIComponent(item.code)}/${action}`, body || {});
  if (r.ok) { item = await json(r); render(); say($('in-action-message'), t('done')); load(); } else {
    const e = await readError(r);
    say($('in-action-message'), [e.message, ...e.details.map((d) => `${d.field}: ${d.problem}`)].join(' — '), true);
  }
}

function button(key, handler) {
  return el('button', { type: 'button', class: 'secondary', dataset: { action: key }, onclick: handler }, t(key));
}

function render() {
  const i = item;
  $('in-detail').hidden = false;
  $('in-title').textContent = `${i.code} — ${i.title}`;
  $('in-status-line').replaceChildren(statusBadge(i.status), i.overdue ? ` ${t('overdue')}` : '');
  const s = i.suggestion || {};
  const facts = [[t('sender'), [t(i.senderType), i.senderName, i.organisation, i.senderEmail, i.senderPhone].filter(Boolean).join(' · ')],
    [t('place'), name(i.orgUnit)], [t('unit'), name(i.responsibleUnit) || '—'], [t('route'), name(i.route) || '—'],
    [t('deadline'), fmtDate(i.deadline)],
    [t('suggestion'), s.category ? `${optionName(options.categories, s.category)} (${Math.round(s.categoryScore * 100)} %), ${optionName(options.fields, s.field)}` : '—']];
  $('in-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]),
    el('dt', {}, t('files')), el('dd', {}, ...(i.attachments || []).map((a) => el('a', { href: '#', onclick: (e) => {
      e.preventDefault(); download(`/feedback/items/${encodeURIComponent(i.code)}/attachments/${a.id}`, a.name);
    } }, `${a.name} `))));
  $('in-content').textContent = i.content;
  $('in-answer-box').hidden = !i.answer;
  $('in-answer').textContent = i.answer || '';
  const isOpen = ['RECEIVED', 'CLASSIFIED', 'ASSIGNED', 'IN_PROGRESS'].includes(i.status);
  const actions = [];
  if (isOpen && s.category) actions.push(button('accept', () => act('classify', { category: s.category, field: s.field })));
  if (isOpen) actions.push(button('classify', () => { const c = prompt(t('askCategory'), i.category || s.category || ''); if (c === null) return; const f = prompt(t('askField'), i.field || s.field || ''); if (f !== null) act('classify', { category: c, field: f }); }));
  if (['CLASSIFIED', 'ASSIGNED', 'IN_PROGRESS'].includes(i.status)) actions.push(button('assign', () => { const u = prompt(t('askUnit'), ''); if (u === null) return; const n = i.status === 'CLASSIFIED' ? '' : prompt(t('askNote'), ''); act('assign', { unit: u || null, note: n || null }); }));
  if (i.status === 'ASSIGNED') actions.push(button('start', () => act('start')));
  if (['ASSIGNED', 'IN_PROGRESS'].includes(i.status)) actions.push(button('doAnswer', () => { const a = prompt(t('askAnswer'), ''); if (a) act('answer', { answer: a }); }));
  if (i.status === 'ANSWERED') actions.push(button('publish', () => act('publish', { title: i.publicTitle, content: i.publicContent })));
  if (isOpen) actions.push(button('reject', () => { const why = prompt(t('askReason'), ''); if (why) act('reject', { reason: why }); }));
  if (isOpen) actions.push(button('merge', () => { const into = prompt(t('askInto'), (i.duplicates[0] || {}).code || ''); if (into) act('merge', { into }); }));
  actions.push(button('note', () => { const n = prompt(t('askNote'), ''); if (n) act('notes', { text: n }); }));
  $('in-actions').replaceChildren(...actions);
  $('in-duplicates').replaceChildren(...(i.duplicates || []).map((d) => el('li', {}, el('a', { href: '#', onclick: (e) => { e.preventDefault(); open(d.code); } }, d.code), ` ${d.title} (${Math.round(d.similarity * 100)} %) `, statusBadge(d.status))));
  $('in-notes').replaceChildren(...(i.notes || []).map((n) => el('li', {}, `${fmtDate(n.at)} ${n.author}: ${n.text}`)));
  $('in-history').replaceChildren(...(i.history || []).map((h) => el('li', {}, `${fmtDate(h.at)} — ${t(h.status)}${h.actor ? ` (${h.actor})` : ''}${h.note ? `: ${h.note}` : ''}`)));
}

async function init() {
  const me = await header('inbox', () => item && render());
  if (!me) { $('signin-note').hidden = false; return; }
  const o = await api('/feedback/options');
  options = o.ok ? await json(o) : options;
  $('in-status').replaceChildren(el('option', { value: '' }, t('all')), ...STATUSES.map((s) => el('option', { value: s }, t(s))));
  $('in-form').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  await load();
  const code = new URLSearchParams(location.search).get('code');
  if (code) open(code);
}

init();

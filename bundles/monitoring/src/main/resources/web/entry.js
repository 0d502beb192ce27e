// Grid data entry by reporting form: the reporter picks a unit from the tree of units they may write,
// a form that unit reports and a period of the form's periodicity, and gets one row per indicator
// with the previous periods, the target, the state, inline type and range hints, the server's
// outlier check at save time (the comment asked for on that row), evidence per row, one batch save,
// the period's submission and the form's completeness. CSV upload stays below.
import {
  addTexts, t, api, send, query, json, errorText, readError, fmt, name, el, $, badge, say, initDownloads,
  evidenceLink, uploadEvidence, renderHeader
} from './common.js';

addTexts({
  vi: {
    entryTitle: 'Nhập số liệu định kỳ — Mekong', entryHeading: 'Nhập số liệu định kỳ', signInToEnter: 'Đăng nhập để nhập số liệu.',
    noWriteNote: 'Tài khoản của bạn không có quyền nhập số liệu.',
    pickHeading: 'Chọn đơn vị, biểu mẫu và kỳ báo cáo', orgUnit: 'Đơn vị', form: 'Biểu mẫu báo cáo',
    pickForm: '— Chọn biểu mẫu —', noForms: '— Đơn vị không có biểu mẫu —', period: 'Kỳ báo cáo',
    formHint: '{periodicity}, hạn nộp {days} ngày sau khi hết kỳ; {n} chỉ số.', dueOn: 'Hạn nộp kỳ này: {date}.',
    expand: 'Mở', collapse: 'Thu gọn', gridHeading: 'Số liệu của biểu mẫu', gridCaption: '{unit} — {form} — kỳ {period}',
    pickAll: 'Chọn đơn vị, biểu mẫu và kỳ để nhập số liệu.',
    keyboardHint: 'Enter chuyển sang ô giá trị kế tiếp (Shift+Enter: ô trước); Tab đi qua từng ô.',
    indicator: 'Chỉ số', previous: 'Kỳ {period}', previousLabel: 'kỳ trước', attach: 'Đính kèm',
    expectedRange: 'Khoảng thường thấy của đơn vị: {range}.', target: 'Mục tiêu', value: 'Giá trị', state: 'Trạng thái',
    comment: 'Ghi chú', files: 'Minh chứng', unitOf: 'Đơn vị tính: {unit}', NEW: 'Chưa nhập',
    saveAll: 'Lưu tất cả', saving: 'Đang lưu…', checking: 'Đang kiểm tra…', submitPeriod: 'Gửi xác minh cả kỳ',
    submitting: 'Đang gửi…', badNumber: 'Giá trị phải là một số.', badPercent: 'Tỷ lệ phần trăm phải từ 0 đến 100.',
    badCount: 'Số đếm phải là số nguyên không âm.', fixRows: 'Có {n} dòng cần sửa trước khi lưu.',
    nothingToSave: 'Không có thay đổi nào để lưu.', needComment: 'Giá trị bất thường: hãy ghi chú giải thích rồi lưu lại.',
    needComments: 'Có {n} giá trị bất thường cần ghi chú trước khi lưu. Hãy nhập ghi chú ở dòng được đánh dấu.',
    savedAll: 'Đã lưu: {created} giá trị mới, {updated} cập nhật, {unchanged} không đổi.',
    evidenceSaved: 'Đã tải lên minh chứng {file}.', evidenceFailed: 'Chưa tải lên được minh chứng',
    saveFirst: 'Hãy lưu các thay đổi trước khi gửi.',
    submitted: 'Đã gửi {n} giá trị để xác minh. Đầy đủ: {present}/{expected}.', missing: 'Còn thiếu: {list}.',
    complete: 'Đã đủ số liệu của kỳ.',
    completeText: 'Đã nhập {present}/{expected} · đã gửi {submitted} · đã xác minh {verified}',
    lockedNote: 'Đã khoá sau khi gửi', reasonLabel: 'Lý do: {reason}', requestCorrection: 'Yêu cầu sửa',
    correctionReason: 'Lý do cần sửa', sendRequest: 'Gửi yêu cầu', reasonRequired: 'Cần nêu lý do.',
    correctionSent: 'Đã gửi yêu cầu sửa; người xác minh sẽ quyết định.',
    csvHeading: 'Tải lên tệp CSV',
    csvHint: 'Dòng đầu là tiêu đề; các cột indicator, orgUnit, period, value, comment (không bắt buộc), version (khi sửa). Tệp lỗi sẽ không được lưu dòng nào.',
    csvFile: 'Tệp CSV', upload: 'Tải lên', pickFile: 'Hãy chọn một tệp CSV.', uploading: 'Đang tải lên…',
    csvDone: 'Đã lưu tệp CSV: {created} giá trị mới, {updated} giá trị cập nhật.', where: 'Vị trí', problem: 'Vấn đề'
  },
  en: {
    entryTitle: 'Periodic data entry — Mekong', entryHeading: 'Periodic data entry', signInToEnter: 'Sign in to enter data.',
    noWriteNote: 'Your account may not enter data.',
    pickHeading: 'Pick a unit, a form and a period', orgUnit: 'Unit', form: 'Reporting form',
    pickForm: '— Pick a form —', noForms: '— The unit reports no form —', period: 'Period',
    formHint: '{periodicity}, due {days} days after the period ends; {n} indicators.', dueOn: 'This period is due on {date}.',
    expand: 'Expand', collapse: 'Collapse', gridHeading: "The form's values", gridCaption: '{unit} — {form} — period {period}',
    pickAll: 'Pick a unit, a form and a period to enter values.',
    keyboardHint: 'Enter moves to the next value (Shift+Enter: the previous one); Tab goes through every field.',
    indicator: 'Indicator', previous: 'Period {period}', previousLabel: 'earlier', attach: 'Attach',
    expectedRange: "The unit's usual range: {range}.", target: 'Target', value: 'Value', state: 'State',
    comment: 'Comment', files: 'Evidence', unitOf: 'Unit of measure: {unit}', NEW: 'Not entered',
    saveAll: 'Save all', saving: 'Saving…', checking: 'Checking…', submitPeriod: 'Submit the period for verification',
    submitting: 'Submitting…', badNumber: 'The value must be a number.', badPercent: 'A percentage lies between 0 and 100.',
    badCount: 'A count is a whole number not below 0.', fixRows: '{n} rows need fixing before saving.',
    nothingToSave: 'There are no changes to save.', needComment: 'Unusual value: add a comment that explains it, then save again.',
    needComments: '{n} unusual values need a comment before saving. Enter it in the marked rows.',
    savedAll: 'Saved: {created} new values, {updated} updated, {unchanged} unchanged.',
    evidenceSaved: 'Evidence {file} uploaded.', evidenceFailed: 'The evidence could not be uploaded',
    saveFirst: 'Save the changes before submitting.',
    submitted: 'Submitted {n} values for verification. Complete: {present}/{expected}.', missing: 'Missing: {list}.',
    complete: 'All values of the period are there.',
    completeText: 'Entered {present}/{expected} · submitted {submitted} · verified {verified}',
    lockedNote: 'Locked since submission', reasonLabel: 'Reason: {reason}', requestCorrection: 'Request a correction',
    correctionReason: 'Why it needs correcting', sendRequest: 'Send the request', reasonRequired: 'A reason is required.',
    correctionSent: 'Correction requested; a verifier will decide.',
    csvHeading: 'Upload a CSV file',
    csvHint: 'Header row first; columns indicator, orgUnit, period, value, comment (optional), version (for updates). A file with problems stores nothing.',
    csvFile: 'CSV file', upload: 'Upload', pickFile: 'Please pick a CSV file.', uploading: 'Uploading…',
    csvDone: 'CSV file stored: {created} new values, {updated} updated.', where: 'Where', problem: 'Problem'
  }
});

const PREVIOUS = 3;
const HORIZON = { MONTHLY: 36, QUARTERLY: 12, SEMI_ANNUAL: 6, YEARLY: 5 };
const WRITERS = ['REPORTER', 'CENTRAL_IT', 'ADMIN'];
const params = new URLSearchParams(location.search);
let user = null;
let indicators = new Map();
let forms = [];
const picked = { unit: null, form: null, period: null };
let rows = [];
let completeness = null;
const seq = { forms: 0, grid: 0 };
const keyOf = (r) => `${r.code}/${picked.unit.code}/${picked.period}`;
const locked = (r) => r.current && (r.current.state === 'SUBMITTED' || r.current.state === 'VERIFIED');

// ---- periods (ids as the server reads them: 2026, 2026S1, 2026Q3, 202609) ----

function parsePeriod(id) {
  const m = /^(\d{4})(?:Q([1-4])|S([12])|(0[1-9]|1[0-2]))?$/.exec(id || '');
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) return { periodicity: 'QUARTERLY', year, n: Number(m[2]) };
  if (m[3]) return { periodicity: 'SEMI_ANNUAL', year, n: Number(m[3]) };
  if (m[4]) return { periodicity: 'MONTHLY', year, n: Number(m[4]) };
  return { periodicity: 'YEARLY', year, n: 1 };
}

const PER_YEAR = { MONTHLY: 12, QUARTERLY: 4, SEMI_ANNUAL: 2, YEARLY: 1 };

function periodId(periodicity, year, n) {
  if (periodicity === 'MONTHLY') return `${year}${String(n).padStart(2, '0')}`;
  if (periodicity === 'QUARTERLY') return `${year}Q${n}`;
  if (periodicity === 'SEMI_ANNUAL') return `${year}S${n}`;
  return String(year);
}

function currentPeriod(periodicity, today = new Date()) {
  const month = today.getMonth() + 1;
  const n = Math.floor((month - 1) / (12 / PER_YEAR[periodicity])) + 1;
  return periodId(periodicity, today.getFullYear(), n);
}

function previousPeriod(id) {
  const p = parsePeriod(id);
  if (!p) return null;
  return p.n > 1 ? periodId(p.periodicity, p.year, p.n - 1) : periodId(p.periodicity, p.year - 1, PER_YEAR[p.periodicity]);
}

function periodEnd(id) {
  const p = parsePeriod(id);
  const months = 12 / PER_YEAR[p.periodicity];
  return new Date(p.year, p.n * months, 0);
}

/** The last periods of the periodicity up to the current one, newest first (no future period). */
function recentPeriods(periodicity) {
  const out = [currentPeriod(periodicity)];
  while (out.length < (HORIZON[periodicity] || 12)) out.push(previousPeriod(out[out.length - 1]));
  return out;
}

// ---- the unit tree: the units the user may write, children loaded on demand ----

const treeUnits = new Map();

async function unitNode(unit, depth) {
  treeUnits.set(unit.code, unit);
  const item = el('li', { role: 'treeitem', 'aria-expanded': unit.level === 'COMMUNE' ? null : 'false', dataset: { code: unit.code } });
  const pick = el('button', { type: 'button', class: 'pick', 'aria-selected': 'false', dataset: { code: unit.code },
    onclick: () => selectUnit(unit) }, name(unit));
  const children = el('ul', { role: 'group', hidden: true });
  let loaded = false;
  const toggle = unit.level === 'COMMUNE' ? el('span', { class: 'spacer' }) : el('button', {
    type: 'button', class: 'toggle', 'aria-label': t('expand'),
    onclick: async () => {
      const open = children.hidden;
      children.hidden = !open;
      item.setAttribute('aria-expanded', String(open));
      toggle.textContent = open ? '▾' : '▸';
      toggle.setAttribute('aria-label', t(open ? 'collapse' : 'expand'));
      if (open && !loaded) {
        loaded = true;
        const r = await api(`/orgunits/${encodeURIComponent(unit.code)}/children`);
        const list = r.ok ? ((await json(r)) || []) : [];
        children.replaceChildren(...await Promise.all(list.map((c) => unitNode(c, depth + 1))));
        markSelected();
      }
    }
  }, '▸');
  item.append(el('div', { class: 'node' }, toggle, pick), children);
  if (depth === 0 && toggle.tagName === 'BUTTON') setTimeout(() => toggle.click(), 0);
  return item;
}

async function renderTree() {
  const tree = $('unit-tree');
  const mayWrite = (user?.roles || []).some((r) => WRITERS.includes(r));
  $('no-write-note').hidden = !user || mayWrite;
  if (!user || !mayWrite) { tree.replaceChildren(); return; }
  const national = (user.roles || []).some((r) => r === 'ADMIN' || r === 'CENTRAL_IT');
  const roots = national ? ['VN'] : (user.orgUnits || []);
  const units = (await Promise.all(roots.map(async (code) => {
    const r = await api(`/orgunits/${encodeURIComponent(code)}`);
    return r.ok ? json(r) : null;
  }))).filter(Boolean);
  tree.replaceChildren(el('ul', {}, ...await Promise.all(units.map((u) => unitNode(u, 0)))));
  const wanted = params.get('orgUnit');
  if (wanted) {
    const r = await api(`/orgunits/${encodeURIComponent(wanted)}`);
    if (r.ok) { selectUnit(await json(r)); return; }
  }
  if (units.length && !national) selectUnit(units[0]);
}

function markSelected() {
  document.querySelectorAll('#unit-tree button.pick').forEach((b) => {
    b.setAttribute('aria-selected', String(b.dataset.code === picked.unit?.code));
  });
}

async function selectUnit(unit) {
  picked.unit = unit;
  markSelected();
  const mine = ++seq.forms;
  const r = await api(`/forms${query({ orgUnit: unit.code })}`);
  if (mine !== seq.forms) return;
  forms = r.ok ? ((await json(r)) || []) : [];
  if (!r.ok) say($('grid-message'), await errorText(r), true);
  renderForms();
}

// ---- form and period pickers ----

function renderForms() {
  const select = $('grid-form');
  const keep = picked.form?.code || params.get('form');
  select.replaceChildren(el('option', { value: '' }, t(forms.length ? 'pickForm' : 'noForms')),
    ...forms.map((f) => el('option', { value: f.code }, `${name(f)} (${t(f.periodicity)})`)));
  const chosen = forms.find((f) => f.code === keep) || (forms.length === 1 ? forms[0] : null);
  select.value = chosen ? chosen.code : '';
  selectForm();
}

function selectForm() {
  const form = forms.find((f) => f.code === $('grid-form').value) || null;
  const changedPeriodicity = form?.periodicity !== picked.form?.periodicity;
  picked.form = form;
  $('form-hint').textContent = form ? t('formHint', { periodicity: t(form.periodicity), days: form.dueDays, n: form.indicators.length }) : '';
  const select = $('grid-period');
  if (!form) { select.replaceChildren(); picked.period = null; loadGrid(); return; }
  const periods = recentPeriods(form.periodicity);
  const asked = params.get('period');
  // a period asked for in the address (a link from a warning, a test) may lie before the list, never after today's
  if (asked && parsePeriod(asked)?.periodicity === form.periodicity && !periods.includes(asked)
      && asked < currentPeriod(form.periodicity)) periods.push(asked);
  select.replaceChildren(...periods.map((p) => el('option', { value: p }, p)));
  const keep = !changedPeriodicity && periods.includes(picked.period) ? picked.period
    : periods.includes(asked) ? asked : periods[0];
  select.value = keep;
  selectPeriod();
}

function selectPeriod() {
  picked.period = $('grid-period').value || null;
  periodHint();
  loadGrid();
}

/** The picked period's due date: its end plus the form's due days. */
function periodHint() {
  const due = picked.form && picked.period ? new Date(periodEnd(picked.period).getTime() + picked.form.dueDays * 86400000) : null;
  $('period-hint').textContent = due ? t('dueOn', { date: due.toLocaleDateString(document.documentElement.lang === 'en' ? 'en-GB' : 'vi-VN') }) : '';
}

// ---- the grid ----

async function loadGrid() {
  const mine = ++seq.grid;
  const tbody = $('grid').tBodies[0];
  const { unit, form, period } = picked;
  if (!unit || !form || !period) {
    rows = []; completeness = null;
    tbody.replaceChildren(el('tr', { class: 'placeholder' }, el('td', { colspan: 9, class: 'muted' }, t('pickAll'))));
    renderHeads(); renderCompleteness(); $('grid-caption').textContent = '';
    return;
  }
  const prev = [];
  for (let p = previousPeriod(period); prev.length < PREVIOUS; p = previousPeriod(p)) prev.push(p);
  const [now, before, targets, done] = await Promise.all([
    api(`/datavalues${query({ orgUnit: unit.code, period, limit: 1000 })}`),
    api(`/datavalues${query({ orgUnit: unit.code, from: prev[prev.length - 1], to: prev[0], limit: 1000 })}`),
    api(`/monitoring/targets${query({ orgUnit: unit.code })}`),
    api(`/forms/${encodeURIComponent(form.code)}/completeness${query({ orgUnit: unit.code, period })}`)
  ]);
  const current = now.ok ? (await json(now))?.items || [] : [];
  const past = before.ok ? (await json(before))?.items || [] : [];
  const goals = targets.ok ? (await json(targets)) || [] : [];
  const comp = done.ok ? await json(done) : null;
  if (mine !== seq.grid) return;
  if (!now.ok) say($('grid-message'), await errorText(now), true);
  completeness = comp;
  rows = form.indicators.map((code) => {
    const value = current.find((v) => v.indicator === code) || null;
    const target = goals.find((g) => g.indicator === code && g.period === period)
      || goals.find((g) => g.indicator === code && g.period === period.slice(0, 4));
    return {
      code, def: indicators.get(code) || { code, nameVi: code, nameEn: code }, current: value,
      prev: prev.map((p) => past.find((v) => v.indicator === code && v.period === p) || null),
      target: target ? target.target : null, raw: value?.value ?? '', comment: value?.comment || '',
      message: '', error: false, needsComment: false, evidence: null
    };
  });
  $('grid').dataset.prev = prev.join(',');
  $('grid-caption').textContent = t('gridCaption', { unit: name(unit), form: name(form), period });
  renderHeads();
  renderCompleteness();
  renderGrid();
  rows.forEach((r) => { if (r.current) loadEvidence(r); });
}

function renderHeads() {
  const prev = ($('grid').dataset.prev || '').split(',');
  for (let i = 0; i < PREVIOUS; i++) {
    $(`prev-${i}`).replaceChildren(...(prev[i] ? [prev[i], el('span', { class: 'sub' }, t('previousLabel'))] : []));
  }
}

function renderCompleteness() {
  const c = completeness;
  $('complete-bar').hidden = !c;
  if (!c) return;
  const share = c.expected ? Math.round((100 * c.present) / c.expected) : 0;
  $('complete-fill').style.width = `${share}%`;
  $('complete-fill').classList.toggle('submitted', c.expected > 0 && c.submitted === c.expected);
  $('complete-track').setAttribute('aria-valuenow', String(share));
  $('complete-text').textContent = t('completeText', c);
}

/** The type and range hint of a typed value (the server checks the same on save): null when fine. */
function hint(row) {
  const raw = String(row.raw ?? '').trim().replace(',', '.');
  if (!raw) return null;
  const v = Number(raw);
  if (!Number.isFinite(v)) return t('badNumber');
  const unit = row.def.unit;
  if (unit === '%' && (v < 0 || v > 100)) return t('badPercent');
  if ((unit === 'count' || unit === 'số') && (v < 0 || !Number.isInteger(v))) return t('badCount');
  return null;
}

const numberOf = (row) => Number(String(row.raw).trim().replace(',', '.'));
const hasValue = (row) => String(row.raw ?? '').trim() !== '';
const changed = (row) => !locked(row) && hasValue(row) && (!row.current || numberOf(row) !== row.current.value
  || (row.comment.trim() || null) !== (row.current.comment || null));

function cell(label, props, ...children) {
  return el('td', { ...props, dataset: { label } }, ...children);
}

function renderGrid() {
  const tbody = $('grid').tBodies[0];
  tbody.replaceChildren(...rows.map((row, i) => {
    const lock = locked(row);
    const state = row.current ? row.current.state : 'NEW';
    const value = el('input', {
      id: `value-${row.code}`, class: 'value', inputmode: 'decimal', autocomplete: 'off', value: row.raw ?? '',
      'aria-label': `${t('value')}: ${name(row.def)}`, disabled: lock, dataset: { index: i },
      oninput: (e) => { row.raw = e.target.value; row.needsComment = false; check(row, false); },
      onblur: () => check(row, true), onkeydown: (e) => move(e, i)
    });
    const comment = el('input', {
      id: `comment-${row.code}`, class: 'comment', autocomplete: 'off', value: row.comment, disabled: lock,
      'aria-label': `${t('comment')}: ${name(row.def)}`,
      oninput: (e) => { row.comment = e.target.value; if (row.comment.trim()) { row.needsComment = false; check(row, false); } },
      onkeydown: (e) => move(e, i)
    });
    const files = el('span', { class: 'files' });
    const fileName = el('span', { class: 'file-name' }, row.file ? row.file.name : '');
    const file = lock ? null : el('label', { class: 'attach' }, t('attach'), el('input', {
      type: 'file', class: 'evidence-file', 'aria-label': `${t('files')}: ${name(row.def)}`,
      onchange: (e) => { row.file = e.target.files[0] || null; fileName.textContent = row.file ? row.file.name : ''; }
    }));
    const msg = el('span', { class: 'row-message', role: 'status' });
    const tr = el('tr', { dataset: { indicator: row.code, state } },
      cell(t('indicator'), {}, name(row.def), el('span', { class: 'code' }, row.code),
        row.def.unit ? el('span', { class: 'sub' }, t('unitOf', { unit: row.def.unit })) : null),
      ...row.prev.map((p, k) => cell(t('previous', { period: ($('grid').dataset.prev || '').split(',')[k] || '' }),
        { class: 'num prev' }, p ? fmt(p.value, 2) : '—')),
      cell(t('target'), { class: 'num target' }, row.target === null ? '—' : fmt(row.target, 2)),
      cell(t('value'), { class: 'value-cell' }, value, msg),
      cell(t('state'), { class: 'state' }, badge(`state-${state}`, t(state)),
        lock ? el('span', { class: 'locked' }, t('lockedNote')) : null,
        row.current?.state === 'REJECTED' && row.current.reason ? el('span', { class: 'sub' }, t('reasonLabel', { reason: row.current.reason })) : null,
        row.current?.state === 'VERIFIED' ? correctionLink(row) : null),
      cell(t('comment'), {}, comment),
      cell(t('files'), { class: 'files-cell' }, files, file, fileName));
    row.tr = tr; row.msg = msg; row.files = files;
    paint(row);
    if (row.evidence) showEvidence(row);
    return tr;
  }));
}

/** Inline check while typing (quiet until the field is left) and on leaving the field. */
function check(row, leaving) {
  const problem = hint(row);
  // "not a number" may be a half-typed value ("-", "1e"): said when the field is left; ranges at once
  if (problem && (leaving || row.error || problem !== t('badNumber'))) { row.message = problem; row.error = true; } else if (!problem && row.error) {
    row.message = ''; row.error = false;
  }
  paint(row);
}

function paint(row) {
  if (!row.tr) return;
  row.tr.classList.toggle('invalid', Boolean(row.error && !row.needsComment));
  row.tr.classList.toggle('needs-comment', row.needsComment);
  row.tr.classList.toggle('changed', changed(row));
  say(row.msg, row.message, row.error);
  row.msg.className = `row-message${row.message ? (row.error ? ' error' : ' ok') : ''}`;
}

/** Enter: next value input; Shift+Enter: previous one (locked rows are skipped). */
function move(event, index) {
  if (event.key !== 'Enter') return;
  event.preventDefault();
  const inputs = [...document.querySelectorAll('#grid input.value')];
  const step = event.shiftKey ? -1 : 1;
  for (let i = index + step; i >= 0 && i < inputs.length; i += step) {
    if (!inputs[i].disabled) { inputs[i].focus(); inputs[i].select(); return; }
  }
  if (!event.shiftKey) $('grid-save').focus();
}

function correctionLink(row) {
  const box = el('span', { class: 'correction', hidden: true });
  const reason = el('input', { class: 'correction-reason', 'aria-label': t('correctionReason'), placeholder: t('correctionReason') });
  const sendIt = el('button', { type: 'button', class: 'secondary', onclick: async () => {
    if (!reason.value.trim()) { row.message = t('reasonRequired'); row.error = true; paint(row); return; }
    const r = await send('POST', '/datavalues/corrections', { indicator: row.code, orgUnit: picked.unit.code,
      period: picked.period, reason: reason.value.trim() });
    row.error = !r.ok; row.message = r.ok ? t('correctionSent') : await errorText(r);
    if (r.ok) box.hidden = true;
    paint(row);
  } }, t('sendRequest'));
  box.append(reason, sendIt);
  const link = el('a', { href: '#', class: 'request-correction', onclick: (e) => { e.preventDefault(); box.hidden = !box.hidden; if (!box.hidden) reason.focus(); } },
    t('requestCorrection'));
  return el('span', {}, link, box);
}

async function loadEvidence(row) {
  const r = await api(`/monitoring/evidence${query({ ownerType: 'DATAVALUE', ownerKey: keyOf(row) })}`);
  const body = r.ok ? await json(r) : null;
  row.evidence = Array.isArray(body) ? body : body?.items || [];
  showEvidence(row);
}

function showEvidence(row) {
  if (!row.files) return;
  row.files.replaceChildren(...row.evidence.flatMap((f, i) => (i ? [', ', evidenceLink(f)] : [evidenceLink(f)])));
}

function busy(text) {
  $('grid-save').disabled = Boolean(text);
  $('grid-submit').disabled = Boolean(text);
  $('grid-busy').textContent = text || '';
}

/** Save all: type and range first, then the server's outlier rule, then ONE batch, then the evidence files. */
async function saveAll(event) {
  event.preventDefault();
  const message = $('grid-message');
  if (!picked.form || !picked.period) { say(message, t('pickAll'), true); return; }
  rows.forEach((r) => check(r, true));
  const invalid = rows.filter((r) => hint(r));
  if (invalid.length) { say(message, t('fixRows', { n: invalid.length }), true); $(`value-${invalid[0].code}`).focus(); return; }
  const dirty = rows.filter(changed);
  const uploads = rows.filter((r) => r.file && !locked(r) && (hasValue(r)));
  if (!dirty.length && !uploads.length) { say(message, t('nothingToSave')); return; }
  const values = dirty.map((r) => ({ indicator: r.code, orgUnit: picked.unit.code, period: picked.period,
    value: numberOf(r), comment: r.comment.trim() || null }));
  busy(t('checking'));
  say(message, '');
  try {
    if (values.length && !(await outliersCommented(values))) return;
    let text = '';
    if (values.length) {
      busy(t('saving'));
      const r = await send('POST', '/datavalues/batch?mode=upsert', { values });
      if (!r.ok) { await rowErrors(r, dirty); return; }
      const b = (await json(r)) || {};
      text = t('savedAll', { created: fmt(b.created ?? 0, 0), updated: fmt(b.updated ?? 0, 0), unchanged: fmt(b.unchanged ?? 0, 0) });
    }
    for (const row of uploads) {
      const up = await uploadEvidence('DATAVALUE', keyOf(row), row.file);
      text += ` ${up.ok ? t('evidenceSaved', { file: row.file.name }) : `${t('evidenceFailed')}: ${await errorText(up)}`}`;
    }
    await loadGrid();
    say(message, text.trim());
  } finally {
    busy(null);
  }
}

/** Asks the server's outlier rule; marks the rows whose unusual value needs a comment. True when none does. */
async function outliersCommented(values) {
  const r = await send('POST', `/forms/${encodeURIComponent(picked.form.code)}/outliers`,
    { orgUnit: picked.unit.code, period: picked.period, values });
  if (!r.ok) { say($('grid-message'), await errorText(r), true); return false; }
  const problems = (await json(r)) || [];
  rows.forEach((row) => {
    const p = problems.find((d) => d.field === row.code);
    row.needsComment = Boolean(p);
    // the server's range, e.g. [44.90, 57.10], with the row's own words in the page's language
    const range = p ? /\[[^\]]+\]/.exec(p.problem || '') : null;
    if (p) { row.message = `${t('needComment')}${range ? ` ${t('expectedRange', { range: range[0] })}` : ''}`; row.error = true; } else if (!hint(row)) { row.message = ''; row.error = false; }
    paint(row);
  });
  if (!problems.length) return true;
  say($('grid-message'), t('needComments', { n: problems.length }), true);
  const first = rows.find((row) => row.needsComment);
  if (first) $(`comment-${first.code}`).focus();
  return false;
}

/** A refused batch or submit: the message on top, each detail on its row (values[i].x or the indicator code). */
async function rowErrors(response, sent) {
  const error = await readError(response);
  say($('grid-message'), error.message, true);
  error.details.forEach((d) => {
    const m = /^values\[(\d+)\]/.exec(d.field || '');
    const row = m ? sent[Number(m[1])] : rows.find((r) => r.code === d.field);
    if (row) { row.message = d.problem; row.error = true; paint(row); }
  });
}

async function submitPeriod() {
  const message = $('grid-message');
  if (!picked.form || !picked.period) { say(message, t('pickAll'), true); return; }
  if (rows.some(changed)) { say(message, t('saveFirst'), true); return; }
  busy(t('submitting'));
  say(message, '');
  try {
    const r = await send('POST', '/datavalues/submit', { orgUnit: picked.unit.code, period: picked.period, indicators: picked.form.indicators });
    if (!r.ok) { await rowErrors(r, []); return; }
    const b = (await json(r)) || {};
    await loadGrid();
    const c = completeness || {};
    const missing = Array.isArray(c.missing) ? c.missing : [];
    say(message, `${t('submitted', { n: fmt(b.submitted ?? 0, 0), present: fmt(c.present ?? 0, 0), expected: fmt(c.expected ?? 0, 0) })} ${
      missing.length ? t('missing', { list: missing.map((code) => name(indicators.get(code) || { nameVi: code, nameEn: code })).join(', ') }) : t('complete')}`);
  } finally {
    busy(null);
  }
}

async function uploadCsv() {
  const message = $('csv-message');
  const report = $('csv-report');
  const file = $('csv-file').files[0];
  report.hidden = true;
  if (!file) { say(message, t('pickFile'), true); return; }
  $('csv-upload').disabled = true;
  say(message, t('uploading'));
  const response = await api('/monitoring/datavalues/csv', {
    method: 'POST', headers: { 'Content-Type': 'text/csv; charset=utf-8' }, body: await file.text()
  });
  $('csv-upload').disabled = false;
  if (response.ok) {
    const r = (await json(response)) || {};
    say(message, t('csvDone', { created: fmt(r.created ?? 0, 0), updated: fmt(r.updated ?? 0, 0) }));
    $('csv-file').value = '';
    loadGrid();
    return;
  }
  const error = await readError(response);
  say(message, error.message, true);
  if (error.details.length) {
    report.tBodies[0].replaceChildren(...error.details.map((d) => el('tr', {}, el('td', {}, d.field || ''), el('td', {}, d.problem || ''))));
    report.hidden = false;
  }
}

/** After a language switch: the same picks and typed values, in the other language. */
function rerender() {
  document.querySelectorAll('#unit-tree button.pick').forEach((b) => {
    const unit = treeUnits.get(b.dataset.code);
    if (unit) b.textContent = name(unit);
  });
  const select = $('grid-form');
  [...select.options].forEach((o) => {
    const f = forms.find((x) => x.code === o.value);
    o.textContent = f ? `${name(f)} (${t(f.periodicity)})` : t(forms.length ? 'pickForm' : 'noForms');
  });
  if (picked.form) {
    $('form-hint').textContent = t('formHint', { periodicity: t(picked.form.periodicity), days: picked.form.dueDays, n: picked.form.indicators.length });
  }
  periodHint();
  renderHeads();
  renderCompleteness();
  if (rows.length) {
    $('grid-caption').textContent = t('gridCaption', { unit: name(picked.unit), form: name(picked.form), period: picked.period });
    renderGrid();
  } else {
    loadGrid();
  }
}

async function init() {
  initDownloads($('grid-message'));
  user = await renderHeader('entry', rerender);
  $('signin-note').hidden = Boolean(user);
  const r = await api('/indicators');
  if (r.ok) {
    const body = await json(r);
    indicators = new Map((Array.isArray(body) ? body : body?.items || []).map((i) => [i.code, i]));
  }
  loadGrid();
  await renderTree();
}

$('grid-form-el').addEventListener('submit', saveAll);
$('grid-form').addEventListener('change', selectForm);
$('grid-period').addEventListener('change', selectPeriod);
$('grid-submit').addEventListener('click', submitPeriod);
$('csv-upload').addEventListener('click', uploadCsv);
init();

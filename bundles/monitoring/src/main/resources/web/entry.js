// Periodic data entry: one value at a time (with evidence), the unit's values of the period and
// their submission, CSV upload, and the verifier's queue of submitted values.
import {
  addTexts, t, api, send, query, json, errorText, readError, fmt, fmtDate, name, el, $, badge, say, fillRows,
  placeholderRow, initDownloads, evidenceLink, uploadEvidence, renderHeader, periodExample
} from './common.js';

addTexts({
  vi: {
    entryTitle: 'Nhập số liệu định kỳ — Mekong', entryHeading: 'Nhập số liệu định kỳ', signInToEnter: 'Đăng nhập để nhập số liệu.',
    entryFormHeading: 'Nhập một giá trị', indicator: 'Chỉ số', pickIndicator: '— Chọn chỉ số —', orgUnitCode: 'Mã đơn vị',
    orgUnit: 'Đơn vị', period: 'Kỳ báo cáo', value: 'Giá trị', comment: 'Ghi chú',
    commentHint: 'Bắt buộc khi giá trị bất thường so với các kỳ trước.', evidence: 'Tệp minh chứng (không bắt buộc)',
    save: 'Lưu', saving: 'Đang lưu…', periodFormat: 'Định dạng kỳ: {example} ({periodicity})', unitOf: 'Đơn vị tính: {unit}',
    missingFields: 'Vui lòng nhập: {fields}', badNumber: 'Giá trị phải là một số.',
    saved: 'Đã lưu {indicator} / {orgUnit} / {period}: {value} — {state}, phiên bản {version}.',
    evidenceSaved: 'Đã tải lên minh chứng {file}.', evidenceFailed: 'Giá trị đã lưu nhưng chưa tải lên được minh chứng',
    unitValues: 'Số liệu của đơn vị trong kỳ', unitCaption: '{orgUnit}, kỳ {period}', needUnitPeriod: 'Nhập mã đơn vị và kỳ báo cáo để xem số liệu.',
    state: 'Trạng thái', updated: 'Cập nhật', files: 'Minh chứng', actions: 'Thao tác', edit: 'Sửa', reasonLabel: 'Lý do: {reason}',
    submitPeriod: 'Gửi xác minh cả kỳ', submitting: 'Đang gửi…',
    submitted: 'Đã gửi {n} giá trị để xác minh. Đầy đủ: {present}/{expected} giá trị.', missing: 'Còn thiếu: {list}.',
    complete: 'Đã đủ số liệu của kỳ.', csvHeading: 'Tải lên tệp CSV',
    csvHint: 'Dòng đầu là tiêu đề; các cột indicator, orgUnit, period, value, comment (không bắt buộc), version (khi sửa). Tệp lỗi sẽ không được lưu dòng nào.',
    csvFile: 'Tệp CSV', upload: 'Tải lên', pickFile: 'Hãy chọn một tệp CSV.', uploading: 'Đang tải lên…',
    csvDone: 'Đã lưu tệp CSV: {created} giá trị mới, {updated} giá trị cập nhật.', where: 'Vị trí', problem: 'Vấn đề',
    verifyHeading: 'Xác minh số liệu', refresh: 'Làm mới',
    verifyHint: 'Các giá trị đã gửi của đơn vị cấp dưới đang chờ xác minh.', verify: 'Xác minh', reject: 'Trả lại',
    askReason: 'Lý do trả lại (người nhập sẽ thấy lý do này):', reasonRequired: 'Cần nêu lý do trả lại.',
    verifiedOk: 'Đã xác minh {key}.', rejectedOk: 'Đã trả lại {key}.', noQueue: 'Không có giá trị nào chờ xác minh.'
  },
  en: {
    entryTitle: 'Periodic data entry — Mekong', entryHeading: 'Periodic data entry', signInToEnter: 'Sign in to enter data.',
    entryFormHeading: 'Enter a value', indicator: 'Indicator', pickIndicator: '— Pick an indicator —', orgUnitCode: 'Unit code',
    orgUnit: 'Unit', period: 'Period', value: 'Value', comment: 'Comment',
    commentHint: 'Required when the value is unusual compared with earlier periods.', evidence: 'Evidence file (optional)',
    save: 'Save', saving: 'Saving…', periodFormat: 'Period format: {example} ({periodicity})', unitOf: 'Unit of measure: {unit}',
    missingFields: 'Please fill in: {fields}', badNumber: 'The value must be a number.',
    saved: 'Saved {indicator} / {orgUnit} / {period}: {value} — {state}, version {version}.',
    evidenceSaved: 'Evidence {file} uploaded.', evidenceFailed: 'The value was saved but the evidence could not be uploaded',
    unitValues: "The unit's values for the period", unitCaption: '{orgUnit}, period {period}',
    needUnitPeriod: 'Enter a unit code and a period to see the values.',
    state: 'State', updated: 'Updated', files: 'Evidence', actions: 'Actions', edit: 'Edit', reasonLabel: 'Reason: {reason}',
    submitPeriod: 'Submit the period for verification', submitting: 'Submitting…',
    submitted: 'Submitted {n} values for verification. Complete: {present}/{expected} values.', missing: 'Missing: {list}.',
    complete: 'All values of the period are there.', csvHeading: 'Upload a CSV file',
    csvHint: 'Header row first; columns indicator, orgUnit, period, value, comment (optional), version (for updates). A file with problems stores nothing.',
    csvFile: 'CSV file', upload: 'Upload', pickFile: 'Please pick a CSV file.', uploading: 'Uploading…',
    csvDone: 'CSV file stored: {created} new values, {updated} updated.', where: 'Where', problem: 'Problem',
    verifyHeading: 'Verify values', refresh: 'Refresh',
    verifyHint: 'Submitted values of the units below yours, waiting for verification.', verify: 'Verify', reject: 'Reject',
    askReason: 'Reason for the rejection (the reporter will see it):', reasonRequired: 'A rejection needs a reason.',
    verifiedOk: 'Verified {key}.', rejectedOk: 'Rejected {key}.', noQueue: 'No value is waiting for verification.'
  }
});

let user = null;
let all = new Map();
let manual = [];
let unitValues = null;
let queue = null;
const seq = { values: 0, queue: 0, indicators: 0 };
const isManual = (i) => i.source === 'MANUAL' && !(i.formula && String(i.formula).trim()) && !i.retired;
const keyOf = (v) => `${v.indicator}/${v.orgUnit}/${v.period}`;
const indicatorName = (code) => (all.has(code) ? name(all.get(code)) : code);
const roles = () => (Array.isArray(user?.roles) ? user.roles : []);
const national = () => roles().some((r) => r === 'ADMIN' || r === 'CENTRAL_IT');

function renderOptions() {
  const select = $('entry-indicator');
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '' }, t('pickIndicator')), ...manual.map((i) => el('option', {
    value: i.code, dataset: { periodicity: i.periodicity || '' }
  }, `${name(i)} (${t(i.periodicity)})`)));
  select.value = manual.some((i) => i.code === chosen) ? chosen : '';
  describeIndicator();
}

function describeIndicator() {
  const indicator = all.get($('entry-indicator').value);
  const example = periodExample(indicator?.periodicity);
  $('entry-period').placeholder = example;
  $('period-hint').textContent = indicator ? t('periodFormat', { example, periodicity: t(indicator.periodicity) }) : '';
  $('value-unit').textContent = indicator?.unit ? t('unitOf', { unit: indicator.unit }) : '';
}

const unitAndPeriod = () => ({ orgUnit: $('entry-orgunit').value.trim(), period: $('entry-period').value.trim().toUpperCase() });

async function save(event) {
  event.preventDefault();
  const message = $('entry-message');
  const { orgUnit, period } = unitAndPeriod();
  const indicator = $('entry-indicator').value;
  const raw = $('entry-value').value.trim();
  const missing = [[indicator, 'entry-indicator', 'indicator'], [orgUnit, 'entry-orgunit', 'orgUnitCode'],
    [period, 'entry-period', 'period'], [raw, 'entry-value', 'value']].filter(([v]) => !v);
  if (missing.length || $('entry-value').validity.badInput) {
    say(message, missing.length ? t('missingFields', { fields: missing.map((m) => t(m[2])).join(', ') }) : t('badNumber'), true);
    $(missing.length ? missing[0][1] : 'entry-value').focus();
    return;
  }
  const value = Number(raw);
  if (!Number.isFinite(value)) { say(message, t('badNumber'), true); return; }
  busy('entry-save', 'entry-busy', t('saving'));
  say(message, '');
  try {
    const existing = await api(`/datavalues${query({ indicator, orgUnit, period })}`);
    const found = existing.ok ? ((await json(existing))?.items || [])[0] : null;
    const body = { indicator, orgUnit, period, value, comment: $('entry-comment').value.trim() || null };
    if (found && found.version !== undefined && found.version !== null) body.version = found.version;
    const response = await send('PUT', '/datavalues', body);
    if (!response.ok) { say(message, await errorText(response), true); return; }
    const saved = (await json(response)) || { ...body, state: 'DRAFT', version: '' };
    let text = t('saved', {
      indicator: saved.indicator, orgUnit: saved.orgUnit, period: saved.period, value: fmt(saved.value, 6),
      state: t(saved.state), version: saved.version
    });
    const file = $('entry-evidence').files[0];
    if (file) {
      const upload = await uploadEvidence('DATAVALUE', keyOf(saved), file);
      if (!upload.ok) { say(message, `${text} ${t('evidenceFailed')}: ${await errorText(upload)}`, true); return; }
      text = `${text} ${t('evidenceSaved', { file: file.name })}`;
      $('entry-evidence').value = '';
    }
    say(message, text);
  } finally {
    busy('entry-save', 'entry-busy', null);
    loadUnitValues();
  }
}

function busy(buttonId, busyId, text) {
  $(buttonId).disabled = Boolean(text);
  if (busyId) $(busyId).textContent = text || '';
}

/** The evidence files of a data value, as links, into cell. */
async function fillEvidence(cell, value) {
  const response = await api(`/monitoring/evidence${query({ ownerType: 'DATAVALUE', ownerKey: keyOf(value) })}`);
  if (!response.ok) { cell.replaceChildren(el('span', { class: 'error' }, await errorText(response))); return; }
  const files = (await json(response)) || [];
  const list = Array.isArray(files) ? files : files.items || [];
  cell.replaceChildren(...(list.length ? list.flatMap((f, i) => (i ? [', ', evidenceLink(f)] : [evidenceLink(f)])) : ['—']));
}

function stateCell(v) {
  return el('td', {}, badge(`state-${v.state}`, t(v.state)),
    v.state === 'REJECTED' && v.reason ? el('span', { class: 'sub' }, t('reasonLabel', { reason: v.reason })) : null);
}

async function loadUnitValues() {
  const mine = ++seq.values;
  const { orgUnit, period } = unitAndPeriod();
  const tbody = $('unit-values').tBodies[0];
  $('unit-values-caption').textContent = orgUnit && period ? t('unitCaption', { orgUnit, period }) : '';
  if (!orgUnit || !period) { unitValues = null; placeholderRow(tbody, t('needUnitPeriod')); return; }
  placeholderRow(tbody, t('loading'));
  const response = await api(`/datavalues${query({ orgUnit, period, limit: 1000 })}`);
  const body = response.ok ? await json(response) : null;
  if (mine !== seq.values) return;
  if (!body) { unitValues = null; placeholderRow(tbody, response.ok ? t('requestFailed') : await errorText(response), true); return; }
  unitValues = body.items || [];
  renderUnitValues();
}

function renderUnitValues() {
  if (!unitValues) return;
  fillRows($('unit-values').tBodies[0], unitValues.map((v) => {
    const files = el('td', { class: 'files' }, t('loading'));
    fillEvidence(files, v);
    const editable = v.state === 'DRAFT' || v.state === 'REJECTED';
    return el('tr', { dataset: { indicator: v.indicator, state: v.state } },
      el('td', {}, indicatorName(v.indicator), el('span', { class: 'code' }, v.indicator)),
      el('td', { class: 'num' }, fmt(v.value, 6)),
      el('td', {}, v.comment || ''),
      stateCell(v),
      el('td', {}, v.updatedBy || '', el('span', { class: 'sub' }, fmtDate(v.updatedAt))),
      files,
      el('td', {}, editable ? el('button', { type: 'button', class: 'edit secondary', onclick: () => edit(v) }, t('edit')) : null));
  }));
}

function edit(v) {
  if (manual.some((i) => i.code === v.indicator)) $('entry-indicator').value = v.indicator;
  describeIndicator();
  $('entry-value').value = v.value ?? '';
  $('entry-comment').value = v.comment || '';
  $('entry-value').focus();
}

async function submitPeriod() {
  const message = $('submit-message');
  const { orgUnit, period } = unitAndPeriod();
  if (!orgUnit || !period) { say(message, t('needUnitPeriod'), true); return; }
  busy('entry-submit', null, t('submitting'));
  say(message, '');
  const response = await send('POST', '/datavalues/submit', { orgUnit, period });
  busy('entry-submit', null, null);
  if (!response.ok) { say(message, await errorText(response), true); } else {
    const r = (await json(response)) || {};
    const c = r.completeness || {};
    const missing = Array.isArray(c.missing) ? c.missing : [];
    say(message, `${t('submitted', { n: fmt(r.submitted ?? 0, 0), present: fmt(c.present ?? 0, 0), expected: fmt(c.expected ?? 0, 0) })} ${
      missing.length ? t('missing', { list: missing.map(indicatorName).join(', ') }) : t('complete')}`);
  }
  loadUnitValues();
}

async function uploadCsv() {
  const message = $('csv-message');
  const report = $('csv-report');
  const file = $('csv-file').files[0];
  report.hidden = true;
  if (!file) { say(message, t('pickFile'), true); return; }
  busy('csv-upload', null, t('uploading'));
  say(message, t('uploading'));
  const response = await api('/monitoring/datavalues/csv', {
    method: 'POST', headers: { 'Content-Type': 'text/csv; charset=utf-8' }, body: await file.text()
  });
  busy('csv-upload', null, null);
  if (response.ok) {
    const r = (await json(response)) || {};
    say(message, t('csvDone', { created: fmt(r.created ?? 0, 0), updated: fmt(r.updated ?? 0, 0) }));
    $('csv-file').value = '';
    loadUnitValues();
    return;
  }
  const error = await readError(response);
  say(message, error.message, true);
  if (error.details.length) {
    report.tBodies[0].replaceChildren(...error.details.map((d) => el('tr', {}, el('td', {}, d.field || ''), el('td', {}, d.problem || ''))));
    report.hidden = false;
  }
}

async function loadQueue() {
  const mine = ++seq.queue;
  const tbody = $('queue-table').tBodies[0];
  placeholderRow(tbody, t('loading'));
  const units = Array.isArray(user?.orgUnits) ? user.orgUnits : [];
  const filters = national() || !units.length ? [{}] : units.map((u) => ({ orgUnit: u, descendants: 'true' }));
  const responses = await Promise.all(filters.map((f) => api(`/datavalues${query({ state: 'SUBMITTED', ...f, limit: 1000 })}`)));
  if (mine !== seq.queue) return;
  const failed = responses.find((r) => !r.ok);
  if (failed) { queue = null; placeholderRow(tbody, await errorText(failed), true); return; }
  const merged = new Map();
  for (const r of responses) {
    ((await json(r))?.items || []).forEach((v) => {
      if (national() || !units.includes(v.orgUnit)) merged.set(keyOf(v), v);
    });
  }
  if (mine !== seq.queue) return;
  queue = [...merged.values()];
  renderQueue();
}

function renderQueue() {
  if (!queue) return;
  fillRows($('queue-table').tBodies[0], queue.map((v) => {
    const files = el('td', { class: 'files' }, t('loading'));
    fillEvidence(files, v);
    const key = { indicator: v.indicator, orgUnit: v.orgUnit, period: v.period };
    return el('tr', { dataset: { key: keyOf(v), indicator: v.indicator, orgUnit: v.orgUnit, period: v.period } },
      el('td', {}, indicatorName(v.indicator), el('span', { class: 'code' }, v.indicator)),
      el('td', {}, v.orgUnit), el('td', {}, v.period),
      el('td', { class: 'num' }, fmt(v.value, 6)),
      el('td', {}, v.comment || ''),
      el('td', {}, v.updatedBy || '', el('span', { class: 'sub' }, fmtDate(v.updatedAt))),
      files,
      el('td', { class: 'actions-cell' },
        el('button', { type: 'button', class: 'verify', onclick: (e) => decide('verify', key, e.currentTarget) }, t('verify')), ' ',
        el('button', { type: 'button', class: 'reject danger', onclick: (e) => decide('reject', key, e.currentTarget) }, t('reject'))));
  }), t('noQueue'));
}

async function decide(action, key, button) {
  const message = $('verify-message');
  const body = { keys: [key] };
  if (action === 'reject') {
    const reason = window.prompt(t('askReason'));
    if (reason === null) return;
    if (!reason.trim()) { say(message, t('reasonRequired'), true); return; }
    body.reason = reason.trim();
  }
  button.disabled = true;
  const response = await send('POST', `/datavalues/${action}`, body);
  const label = `${key.indicator}/${key.orgUnit}/${key.period}`;
  if (response.ok) say(message, t(action === 'verify' ? 'verifiedOk' : 'rejectedOk', { key: label }));
  else say(message, await errorText(response), true);
  button.disabled = false;
  loadQueue();
  loadUnitValues();
}

function rerender() {
  renderOptions();
  renderUnitValues();
  renderQueue();
  if (!unitValues) loadUnitValues();
}

/**
 * The indicators enabled at the chosen unit: a plugin piloted in other units leaves its indicators
 * out (the server would refuse their values here). An unknown unit keeps the full list; saving then
 * names the problem.
 */
async function loadUnitIndicators() {
  const mine = ++seq.indicators;
  const orgUnit = $('entry-orgunit').value.trim();
  const response = await api(`/indicators${query({ orgUnit })}`);
  if (mine !== seq.indicators) return;
  const body = response.ok ? await json(response) : null;
  if (mine !== seq.indicators) return;
  const list = body ? (Array.isArray(body) ? body : body.items || []) : [...all.values()];
  manual = list.filter(isManual);
  renderOptions();
}

async function init() {
  initDownloads($('entry-message'));
  user = await renderHeader('entry', rerender);
  $('signin-note').hidden = Boolean(user);
  const units = Array.isArray(user?.orgUnits) ? user.orgUnits : [];
  if (units.length && !$('entry-orgunit').value) $('entry-orgunit').value = units[0];
  const response = await api('/indicators');
  if (response.ok) {
    const body = await json(response);
    const list = Array.isArray(body) ? body : body?.items || [];
    all = new Map(list.map((i) => [i.code, i]));
    manual = list.filter(isManual);
  } else {
    say($('entry-message'), await errorText(response), true);
  }
  renderOptions();
  loadUnitIndicators();
  loadUnitValues();
  if (user && roles().some((r) => ['VERIFIER', 'CENTRAL_IT', 'ADMIN'].includes(r))) {
    $('verify-section').hidden = false;
    loadQueue();
  }
}

$('entry-form').addEventListener('submit', save);
$('entry-indicator').addEventListener('change', describeIndicator);
$('entry-orgunit').addEventListener('change', () => { loadUnitIndicators(); loadUnitValues(); });
$('entry-period').addEventListener('change', loadUnitValues);
$('entry-submit').addEventListener('click', submitPeriod);
$('csv-upload').addEventListener('click', uploadCsv);
$('queue-refresh').addEventListener('click', loadQueue);
init();

// Tasks: the filtered task list with status and progress, a task's progress reports and the
// form to report progress (with an evidence file).
import {
  addTexts, t, api, send, query, json, errorText, fmt, fmtDate, el, $, badge, say, fillRows, placeholderRow,
  setExport, initDownloads, evidenceLink, uploadEvidence, renderHeader
} from './common.js';

addTexts({
  vi: {
    tasksTitle: 'Nhiệm vụ — Mekong', status: 'Trạng thái', allStatuses: 'Tất cả', search: 'Tìm kiếm',
    orgUnitCode: 'Mã đơn vị', filter: 'Lọc', code: 'Mã', task: 'Nhiệm vụ', orgUnit: 'Đơn vị', responsible: 'Phụ trách',
    deadline: 'Hạn', progress: 'Tiến độ', count: 'Hiển thị {shown}/{total} nhiệm vụ.', report: 'Báo cáo',
    reports: 'Các báo cáo tiến độ', reportedAt: 'Thời gian', reportedBy: 'Người báo cáo', difficulties: 'Khó khăn',
    proposals: 'Đề xuất', done: 'Hoàn thành', files: 'Minh chứng', newReport: 'Báo cáo tiến độ mới',
    progressPct: 'Tiến độ (%)', markDone: 'Đã hoàn thành nhiệm vụ', evidence: 'Tệp minh chứng (không bắt buộc)',
    sendReport: 'Gửi báo cáo', close: 'Đóng', yes: 'Có', no: 'Không', strategyGroup: 'Nhóm chiến lược',
    expectedProduct: 'Sản phẩm dự kiến', completedOn: 'Ngày hoàn thành', lastReport: 'Báo cáo gần nhất',
    badProgress: 'Tiến độ phải là số nguyên từ 0 đến 100.', sending: 'Đang gửi…',
    reportSaved: 'Đã ghi nhận báo cáo tiến độ {progress} %.', evidenceSaved: 'Đã tải lên minh chứng {file}.',
    evidenceFailed: 'Báo cáo đã lưu nhưng chưa tải lên được minh chứng', noReports: 'Chưa có báo cáo nào.'
  },
  en: {
    tasksTitle: 'Tasks — Mekong', status: 'Status', allStatuses: 'All', search: 'Search', orgUnitCode: 'Unit code',
    filter: 'Filter', code: 'Code', task: 'Task', orgUnit: 'Unit', responsible: 'Responsible', deadline: 'Deadline',
    progress: 'Progress', count: 'Showing {shown} of {total} tasks.', report: 'Report',
    reports: 'Progress reports', reportedAt: 'Time', reportedBy: 'Reported by', difficulties: 'Difficulties',
    proposals: 'Proposals', done: 'Done', files: 'Evidence', newReport: 'New progress report',
    progressPct: 'Progress (%)', markDone: 'The task is done', evidence: 'Evidence file (optional)',
    sendReport: 'Send report', close: 'Close', yes: 'Yes', no: 'No', strategyGroup: 'Strategy group',
    expectedProduct: 'Expected product', completedOn: 'Completed on', lastReport: 'Last report',
    badProgress: 'Progress must be a whole number from 0 to 100.', sending: 'Sending…',
    reportSaved: 'Progress report of {progress} % recorded.', evidenceSaved: 'Evidence {file} uploaded.',
    evidenceFailed: 'The report was saved but the evidence could not be uploaded', noReports: 'No report yet.'
  }
});

let page = null;
let selected = null;
let reports = null;
const seq = { tasks: 0, reports: 0 };

const filters = () => ({ orgUnit: $('task-orgunit').value.trim(), status: $('task-status').value, q: $('task-q').value.trim() });

function progressBar(value) {
  const p = Math.max(0, Math.min(100, Number(value) || 0));
  return el('div', { class: 'progress' }, el('progress', { max: 100, value: p, 'aria-label': `${t('progress')} ${p} %` }), `${fmt(p, 0)} %`);
}

async function loadTasks() {
  const mine = ++seq.tasks;
  const f = filters();
  setExport($('export-tasks'), `/monitoring/tasks${query({ ...f, format: 'csv' })}`, 'tasks.csv');
  placeholderRow($('tasks-table').tBodies[0], t('loading'));
  say($('tasks-message'), '');
  const response = await api(`/monitoring/tasks${query({ ...f, limit: 500 })}`);
  const body = response.ok ? await json(response) : null;
  if (mine !== seq.tasks) return;
  if (!body) {
    page = null;
    const text = response.ok ? t('requestFailed') : await errorText(response);
    say($('tasks-message'), text, true);
    placeholderRow($('tasks-table').tBodies[0], text, true);
    $('tasks-count').textContent = '';
    return;
  }
  page = body;
  renderTasks();
}

function renderTasks() {
  if (!page) return;
  const items = page.items || [];
  fillRows($('tasks-table').tBodies[0], items.map((task) => {
    const row = el('tr', {
      class: `clickable${selected?.code === task.code ? ' selected' : ''}`, dataset: { code: task.code, status: task.status }
    },
    el('td', {}, task.code),
    el('td', {}, task.title || '', task.strategyGroup ? el('span', { class: 'sub' }, task.strategyGroup) : null),
    el('td', {}, task.orgUnit || ''),
    el('td', {}, task.responsible || ''),
    el('td', {}, fmtDate(task.deadline)),
    el('td', {}, progressBar(task.progress)),
    el('td', {}, badge(`status-${task.status}`, t(task.status)), ' ',
      el('button', { type: 'button', class: 'open secondary', 'aria-label': `${t('report')}: ${task.code}` }, t('report'))));
    row.addEventListener('click', () => openTask(task));
    return row;
  }));
  $('tasks-count').textContent = t('count', { shown: fmt(items.length, 0), total: fmt(page.total ?? items.length, 0) });
}

function fact(label, value) {
  return value ? [el('dt', {}, label), el('dd', {}, value)] : [];
}

function renderTask() {
  if (!selected) return;
  const s = selected;
  $('task-title').textContent = `${s.code}: ${s.title || ''}`;
  $('task-facts').replaceChildren(
    ...fact(t('status'), badge(`status-${s.status}`, t(s.status))),
    ...fact(t('orgUnit'), s.orgUnit), ...fact(t('responsible'), s.responsible),
    ...fact(t('strategyGroup'), s.strategyGroup), ...fact(t('expectedProduct'), s.expectedProduct),
    ...fact(t('deadline'), fmtDate(s.deadline)), ...fact(t('progress'), progressBar(s.progress)),
    ...fact(t('completedOn'), s.completedOn || s.completedAt ? fmtDate(s.completedOn || s.completedAt) : ''),
    ...fact(t('lastReport'), s.lastReportAt ? fmtDate(s.lastReportAt) : ''));
  $('tasks-table').querySelectorAll('tbody tr[data-code]').forEach((tr) => tr.classList.toggle('selected', tr.dataset.code === s.code));
}

function openTask(task) {
  selected = task;
  $('task-detail').hidden = false;
  say($('report-message'), '');
  $('report-form').reset();
  $('report-progress').value = task.progress ?? 0;
  renderTask();
  loadReports();
  $('task-detail').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

async function refreshTask() {
  if (!selected) return;
  const response = await api(`/monitoring/tasks/${encodeURIComponent(selected.code)}`);
  if (response.ok) { selected = (await json(response)) || selected; renderTask(); }
}

async function loadReports() {
  const mine = ++seq.reports;
  const tbody = $('reports-table').tBodies[0];
  if (!selected) return;
  placeholderRow(tbody, t('loading'));
  const response = await api(`/monitoring/tasks/${encodeURIComponent(selected.code)}/reports`);
  const body = response.ok ? await json(response) : null;
  if (mine !== seq.reports) return;
  if (!body) { reports = null; placeholderRow(tbody, response.ok ? t('requestFailed') : await errorText(response), true); return; }
  reports = Array.isArray(body) ? body : body.items || [];
  renderReports();
}

function renderReports() {
  if (!reports) return;
  fillRows($('reports-table').tBodies[0], reports.map((r) => {
    const files = r.evidence || [];
    return el('tr', { dataset: { id: r.id } },
      el('td', {}, fmtDate(r.reportedAt)), el('td', {}, r.reportedBy || ''),
      el('td', { class: 'num' }, `${fmt(r.progress, 0)} %`),
      el('td', {}, r.difficulties || ''), el('td', {}, r.proposals || ''),
      el('td', {}, r.done ? t('yes') : t('no')),
      el('td', {}, files.length ? files.flatMap((f, i) => (i ? [', ', evidenceLink(f)] : [evidenceLink(f)])) : '—'));
  }), t('noReports'));
}

async function sendReport(event) {
  event.preventDefault();
  const message = $('report-message');
  const raw = $('report-progress').value.trim();
  const progress = Number(raw);
  if (!raw || !Number.isInteger(progress) || progress < 0 || progress > 100) {
    say(message, t('badProgress'), true);
    $('report-progress').focus();
    return;
  }
  const code = selected.code;
  $('report-save').disabled = true;
  say(message, '');
  try {
    const response = await send('POST', `/monitoring/tasks/${encodeURIComponent(code)}/reports`, {
      progress, difficulties: $('report-difficulties').value.trim() || null,
      proposals: $('report-proposals').value.trim() || null, done: $('report-done').checked
    });
    if (!response.ok) { say(message, await errorText(response), true); return; }
    const report = (await json(response)) || {};
    let text = t('reportSaved', { progress: fmt(progress, 0) });
    const file = $('report-evidence').files[0];
    if (file && report.id !== undefined) {
      const upload = await uploadEvidence('TASK_REPORT', String(report.id), file);
      if (!upload.ok) {
        say(message, `${text} ${t('evidenceFailed')}: ${await errorText(upload)}`, true);
      } else {
        text = `${text} ${t('evidenceSaved', { file: file.name })}`;
      }
    }
    if (!message.classList.contains('error')) say(message, text);
    $('report-difficulties').value = '';
    $('report-proposals').value = '';
    $('report-evidence').value = '';
    await Promise.all([refreshTask(), loadReports(), loadTasks()]);
  } finally {
    $('report-save').disabled = false;
  }
}

let typing = null;
$('task-filter').addEventListener('submit', (e) => { e.preventDefault(); loadTasks(); });
$('task-status').addEventListener('change', loadTasks);
$('task-q').addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(loadTasks, 350); });
$('report-form').addEventListener('submit', sendReport);
$('task-close').addEventListener('click', () => { selected = null; $('task-detail').hidden = true; renderTasks(); });

async function init() {
  initDownloads($('tasks-message'));
  const p = new URLSearchParams(location.search);
  $('task-orgunit').value = p.get('orgUnit') || '';
  $('task-status').value = p.get('status') || '';
  $('task-q').value = p.get('q') || '';
  const user = await renderHeader('tasks', () => { renderTasks(); renderTask(); renderReports(); });
  $('signin-note').hidden = Boolean(user);
  await loadTasks();
  const wanted = p.get('task');
  const task = wanted && (page?.items || []).find((x) => x.code === wanted);
  if (task) openTask(task);
}
init();

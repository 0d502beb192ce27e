// Sandbox pilots: list, detail with the difference-in-differences evaluation and its chart,
// decisions, and a form for new pilots (CENTRAL_IT, LEADER). Server text only via textContent.
import { $, api, send, el, t, addTexts, json, say, query, readError, fmt, fmtDate, name, lang, renderHeader,
  currentUser, placeholderRow } from '/ui/kit.js';

addTexts({
  vi: { title: 'Thí điểm cơ chế, chính sách (sandbox)', newPilot: '+ Thí điểm mới', mechanism: 'Cơ chế', status: 'Trạng thái',
    pilot: 'Thí điểm', period: 'Thời gian', pilotUnits: 'Đơn vị thí điểm', controlUnits: 'Đối chứng', evaluation: 'Đánh giá (chênh lệch kép)',
    decisions: 'Quyết định', decision: 'Quyết định', until: 'Gia hạn đến', unitsToAdd: 'Đơn vị tham gia thêm (mã, cách nhau bởi dấu phẩy)',
    reason: 'Lý do', evidence: 'Căn cứ, minh chứng khác', decide: 'Ghi quyết định', code: 'Mã', titleVi: 'Tên (tiếng Việt)',
    titleEn: 'Tên (tiếng Anh)', policy: 'Nội dung chính sách thí điểm', start: 'Bắt đầu', end: 'Kết thúc', create: 'Tạo thí điểm',
    cancel: 'Hủy', all: 'Tất cả', noDecision: 'Chưa có quyết định.', pilotGroup: 'Nhóm thí điểm', controlGroup: 'Nhóm đối chứng',
    before: 'Trước', after: 'Trong thí điểm', change: 'Thay đổi', did: 'Chênh lệch kép', units: 'đơn vị', feature: 'Tính năng chỉ bật cho đơn vị thí điểm',
    pilotUnitsInput: 'Đơn vị thí điểm (mã, cách nhau bởi dấu phẩy)', controlUnitsInput: 'Đơn vị đối chứng (mã, cách nhau bởi dấu phẩy)',
    indicatorsInput: 'Chỉ tiêu theo dõi (mã, cách nhau bởi dấu phẩy)', created: 'Đã tạo thí điểm.', decided: 'Đã ghi quyết định.',
    intro: 'Thử một chính sách ở một số đơn vị, so sánh với đơn vị đối chứng, rồi quyết định nhân rộng, gia hạn hoặc dừng (Nghị quyết 193/2025/QH15).',
    evaluationHint: 'Mỗi chỉ tiêu: thay đổi trung bình ở đơn vị thí điểm trừ thay đổi ở đơn vị đối chứng, giữa thời gian thí điểm và cùng số kỳ trước đó; công khai chỉ số liệu đã xác minh; cán bộ của mọi đơn vị trong thí điểm xem cả số liệu đã gửi.',
    PLANNED: 'Sắp triển khai', RUNNING: 'Đang thí điểm', ENDED: 'Đã kết thúc, chờ quyết định', EXTENDED: 'Đã gia hạn',
    WIDENED: 'Đã nhân rộng', STOPPED: 'Đã dừng', WIDEN: 'Nhân rộng', EXTEND: 'Gia hạn', STOP: 'Dừng',
    BETTER: 'Tốt hơn đối chứng', WORSE: 'Kém hơn đối chứng', NO_CLEAR_DIFFERENCE: 'Không khác biệt rõ',
    INSUFFICIENT_DATA: 'Chưa đủ số liệu', NOT_STARTED: 'Chưa bắt đầu', UNKNOWN_INDICATOR: 'Chỉ tiêu không còn', PILOT: 'Thí điểm', CONTROL: 'Đối chứng',
    evidenceAt: 'Căn cứ đánh giá lúc quyết định' },
  en: { title: 'Sandbox pilots', newPilot: '+ New pilot', mechanism: 'Mechanism', status: 'Status', pilot: 'Pilot', period: 'Period',
    pilotUnits: 'Pilot units', controlUnits: 'Control', evaluation: 'Evaluation (difference in differences)', decisions: 'Decisions',
    decision: 'Decision', until: 'Extend until', unitsToAdd: 'Units joining (codes, comma separated)', reason: 'Reason',
    evidence: 'Other evidence', decide: 'Record the decision', code: 'Code', titleVi: 'Title (Vietnamese)', titleEn: 'Title (English)',
    policy: 'Policy being piloted', start: 'Start', end: 'End', create: 'Create pilot', cancel: 'Cancel', all: 'All',
    noDecision: 'No decision yet.', pilotGroup: 'Pilot group', controlGroup: 'Control group', before: 'Before', after: 'During',
    change: 'Change', did: 'Difference in differences', units: 'units', feature: 'Feature enabled for pilot units only',
    pilotUnitsInput: 'Pilot units (codes, comma separated)', controlUnitsInput: 'Control units (codes, comma separated)',
    indicatorsInput: 'Watched indicators (codes, comma separated)', created: 'Pilot created.', decided: 'Decision recorded.',
    intro: 'Try a policy in a few units, compare with control units, then widen, extend or stop it (Resolution 193/2025/QH15).',
    evaluationHint: 'Per indicator: the average change in the pilot units minus the change in the control units, between the pilot period and the same number of periods before; verified values only for the public; staff of every unit of the pilot also see submitted values.',
    PLANNED: 'Planned', RUNNING: 'Running', ENDED: 'Ended, awaiting decision', EXTENDED: 'Extended', WIDENED: 'Widened',
    STOPPED: 'Stopped', WIDEN: 'Widen', EXTEND: 'Extend', STOP: 'Stop', BETTER: 'Better than control', WORSE: 'Worse than control',
    NO_CLEAR_DIFFERENCE: 'No clear difference', INSUFFICIENT_DATA: 'Not enough data', NOT_STARTED: 'Not started',
    UNKNOWN_INDICATOR: 'Indicator gone', PILOT: 'Pilot', CONTROL: 'Control', evidenceAt: 'Evaluation at the time of the decision' }
});

const pages = [['pilots', '/sandbox/pilots.html', 'title']];
const STATUSES = ['PLANNED', 'RUNNING', 'ENDED', 'EXTENDED', 'WIDENED', 'STOPPED'];
let mechanisms = [];
let current = null;
let evaluation = null;
let canDecide = false;
const charts = [];

const list = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);
const badge = (cls, text) => el('span', { class: `badge ${cls}` }, text);

function fillFilters() {
  const m = $('filter-mechanism').value;
  const s = $('filter-status').value;
  $('filter-mechanism').replaceChildren(el('option', { value: '' }, t('all')), ...mechanisms.map((x) => el('option', { value: x.code }, `${x.no}. ${name(x)}`)));
  $('filter-status').replaceChildren(el('option', { value: '' }, t('all')), ...STATUSES.map((x) => el('option', { value: x }, t(x))));
  $('p-mechanism').replaceChildren(...mechanisms.map((x) => el('option', { value: x.code }, `${x.no}. ${name(x)}`)));
  $('filter-mechanism').value = m;
  $('filter-status').value = s;
}

async function loadList() {
  const body = $('pilot-table').querySelector('tbody');
  const r = await api(`/sandbox/pilots${query({ mechanism: $('filter-mechanism').value, status: $('filter-status').value })}`);
  if (!r.ok) { placeholderRow(body, (await readError(r)).message, true); return; }
  const page = await json(r);
  if (!page.items.length) { placeholderRow(body, t('empty')); return; }
  body.replaceChildren(...page.items.map((p) => el('tr', { dataset: { code: p.code }, tabindex: 0,
    class: current && current.code === p.code ? 'selected' : null, onclick: () => open(p.code),
    onkeydown: (e) => { if (e.key === 'Enter') open(p.code); } },
  el('td', {}, lang === 'en' ? p.titleEn || p.titleVi : p.titleVi, el('span', { class: 'sub' }, p.code)),
  el('td', { class: 'nowrap' }, `${fmtDate(p.start)} – ${fmtDate(p.end)}`),
  el('td', {}, badge(`sb-${p.status}`, t(p.status))),
  el('td', { class: 'num' }, p.pilotUnits), el('td', { class: 'num' }, p.controlUnits))));
}

function renderDetail() {
  if (!current) return;
  const p = current;
  $('pilot-detail').hidden = false;
  $('pilot-title').textContent = lang === 'en' ? p.titleEn || p.titleVi : p.titleVi;
  $('pilot-status').replaceChildren(badge(`sb-${p.status}`, t(p.status)));
  $('pilot-status').dataset.status = p.status;
  $('pilot-mechanism').textContent = `${t('mechanism')} ${p.mechanism.no}: ${name(p.mechanism)}`;
  $('pilot-policy').textContent = p.policy;
  const unitsOf = (g) => p.units.filter((u) => u.group === g).map((u) => `${name(u) || u.code} (${u.code})`).join(', ');
  const facts = [[t('period'), `${fmtDate(p.start)} – ${fmtDate(p.end)}`], [t('pilotUnits'), unitsOf('PILOT')],
    [t('controlUnits'), unitsOf('CONTROL') || '—'], [t('indicatorsInput').split(' (')[0], p.indicators.map((i) => `${name(i)} (${i.code})`).join(', ')]];
  if (p.feature) facts.push([t('feature'), p.feature]);
  $('pilot-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  $('decision-list').replaceChildren(...(p.decisions.length ? p.decisions.map((d) => el('li', { dataset: { decision: d.decision } },
    badge(`sb-${d.decision === 'WIDEN' ? 'WIDENED' : d.decision === 'STOP' ? 'STOPPED' : 'EXTENDED'}`, t(d.decision)), ' ',
    `${fmtDate(d.decidedAt)} · ${d.decidedBy}: ${d.reason}`,
    d.newEnd ? ` → ${fmtDate(d.newEnd)}` : '', d.addedUnits && d.addedUnits.length ? ` (+ ${d.addedUnits.join(', ')})` : '',
    d.evaluation ? el('details', {}, el('summary', {}, t('evidenceAt')),
      ...d.evaluation.indicators.map((i) => el('p', {}, lang === 'en' ? i.readingEn : i.readingVi))) : null))
    : [el('li', { class: 'muted' }, t('noDecision'))]));
  $('decision-form').hidden = !canDecide || p.status === 'STOPPED';
  renderEvaluation();
}

function groupRow(label, g) {
  return el('tr', {}, el('th', { scope: 'row' }, label), el('td', { class: 'num' }, g ? g.units : 0),
    el('td', { class: 'num' }, fmt(g && g.before)), el('td', { class: 'num' }, fmt(g && g.after)), el('td', { class: 'num' }, fmt(g && g.change)));
}

function renderEvaluation() {
  charts.splice(0).forEach((c) => c.dispose());
  if (!evaluation) { $('evaluation').replaceChildren(); return; }
  $('evaluation').replaceChildren(...evaluation.indicators.map((i) => {
    const chart = el('div', { class: 'chart', role: 'img', 'aria-label': lang === 'en' ? i.readingEn : i.readingVi });
    const box = el('section', { class: 'indicator-eval', dataset: { indicator: i.indicator, verdict: i.verdict } },
      el('h4', {}, lang === 'en' ? i.nameEn : i.nameVi, badge(`verdict-${i.verdict}`, t(i.verdict))),
      el('p', { class: 'reading' }, lang === 'en' ? i.readingEn : i.readingVi),
      el('div', { class: 'table-wrap' }, el('table', { class: 'did' },
        el('thead', {}, el('tr', {}, el('th', {}, ''), el('th', { class: 'num' }, t('units')), el('th', { class: 'num' }, t('before')),
          el('th', { class: 'num' }, t('after')), el('th', { class: 'num' }, t('change')))),
        el('tbody', {}, groupRow(t('pilotGroup'), i.pilot), groupRow(t('controlGroup'), i.control)),
        el('tfoot', {}, el('tr', {}, el('th', { scope: 'row', colspan: 4 }, t('did')), el('td', { class: 'num did-value' }, fmt(i.differenceInDifferences)))))),
      i.series.length ? chart : null);
    if (i.series.length && window.echarts) {
      requestAnimationFrame(() => {
        const c = window.echarts.init(chart);
        charts.push(c);
        const start = i.beforePeriods.length;
        c.setOption({
          tooltip: { trigger: 'axis' }, legend: { data: [t('PILOT'), t('CONTROL')] },
          grid: { left: 48, right: 16, top: 36, bottom: 32 },
          xAxis: { type: 'category', data: i.series.map((s) => s.period) },
          yAxis: { type: 'value', name: i.unit || '', scale: true },
          series: [
            { name: t('PILOT'), type: 'line', data: i.series.map((s) => s.pilot), connectNulls: true,
              markLine: i.pilotPeriods.length ? { symbol: 'none', silent: true, data: [{ xAxis: i.series[start] ? i.series[start].period : 0 }],
                label: { formatter: t('start') } } : undefined },
            { name: t('CONTROL'), type: 'line', data: i.series.map((s) => s.control), connectNulls: true, lineStyle: { type: 'dashed' } }
          ]
        });
      });
    }
    return box;
  }));
}

async function open(code) {
  const r = await api(`/sandbox/pilots/${encodeURIComponent(code)}`);
  if (!r.ok) { say($('evaluation-message'), (await readError(r)).message, true); return; }
  current = await json(r);
  history.replaceState(null, '', `/sandbox/pilots.html?pilot=${encodeURIComponent(code)}`);
  document.querySelectorAll('#pilot-table tbody tr').forEach((tr) => tr.classList.toggle('selected', tr.dataset.code === code));
  evaluation = null;
  renderDetail();
  say($('evaluation-message'), t('loading'));
  const e = await api(`/sandbox/pilots/${encodeURIComponent(code)}/evaluation`);
  if (!e.ok) { say($('evaluation-message'), (await readError(e)).message, true); return; }
  evaluation = await json(e);
  say($('evaluation-message'), '');
  renderEvaluation();
}

function showErrors(node, form, error) {
  form.querySelectorAll('.field-error').forEach((n) => n.remove());
  (error.details || []).forEach((d) => {
    const input = form.querySelector(`[data-field="${CSS.escape(String(d.field))}"]`);
    if (input) input.after(el('span', { class: 'field-error error', role: 'alert' }, d.problem));
  });
  say(node, [error.message, ...(error.details || []).map((d) => `${d.field}: ${d.problem}`)].join(' — '), true);
}

function decisionFields() {
  const d = $('d-decision').value;
  $('d-until-field').hidden = d !== 'EXTEND';
  $('d-units-field').hidden = d !== 'WIDEN';
}

$('d-decision').addEventListener('change', decisionFields);
$('decision-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const d = $('d-decision').value;
  const body = { decision: d, reason: $('d-reason').value, evidence: $('d-evidence').value || null };
  if (d === 'EXTEND') body.until = $('d-until').value || null;
  if (d === 'WIDEN') body.units = list($('d-units').value);
  $('d-submit').disabled = true;
  const r = await send('POST', `/sandbox/pilots/${encodeURIComponent(current.code)}/decision`, body);
  $('d-submit').disabled = false;
  if (!r.ok) { showErrors($('decision-message'), $('decision-form'), await readError(r)); return; }
  current = await json(r);
  $('decision-form').reset();
  decisionFields();
  renderDetail();
  say($('decision-message'), t('decided'));
  loadList();
  open(current.code);
});

$('new-pilot').addEventListener('click', () => { $('pilot-form-section').hidden = false; $('p-code').focus(); });
$('p-cancel').addEventListener('click', () => { $('pilot-form-section').hidden = true; });
$('pilot-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = { code: $('p-code').value, mechanism: $('p-mechanism').value, titleVi: $('p-title-vi').value,
    titleEn: $('p-title-en').value || null, policy: $('p-policy').value, start: $('p-start').value || null,
    end: $('p-end').value || null, pilotUnits: list($('p-pilot-units').value), controlUnits: list($('p-control-units').value),
    indicators: list($('p-indicators').value) };
  const r = await send('POST', '/sandbox/pilots', body);
  if (!r.ok) { showErrors($('pilot-form-message'), $('pilot-form'), await readError(r)); return; }
  const p = await json(r);
  say($('pilot-form-message'), t('created'));
  $('pilot-form').reset();
  $('pilot-form-section').hidden = true;
  await loadList();
  open(p.code);
});
$('filter-mechanism').addEventListener('change', loadList);
$('filter-status').addEventListener('change', loadList);
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

(async () => {
  const me = await renderHeader('pilots', () => { fillFilters(); loadList(); renderDetail(); }, pages);
  const user = me || await currentUser();
  canDecide = Boolean(user && (user.roles || []).some((r) => ['ADMIN', 'CENTRAL_IT', 'LEADER'].includes(r)));
  $('new-pilot').hidden = !canDecide;
  const r = await api('/sandbox/mechanisms');
  mechanisms = r.ok ? await json(r) : [];
  fillFilters();
  decisionFields();
  await loadList();
  const wanted = new URLSearchParams(window.location.search).get('pilot');
  const first = wanted || ($('pilot-table').querySelector('tbody tr[data-code]') || {}).dataset?.code;
  if (first) open(first);
})();

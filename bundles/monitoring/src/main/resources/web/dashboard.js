// Dashboard: one org-unit level with summary, indicators and traffic lights, trend, children
// for drill-down and rankings. orgUnit, asOf, indicator and by live in the URL query.
import {
  addTexts, t, api, query, json, errorText, fmt, pct, name, el, $, colourBadge, say, fillRows,
  placeholderRow, setExport, initDownloads, renderHeader
} from './common.js';

addTexts({
  vi: {
    dashTitle: 'Bảng điều khiển theo dõi, đánh giá — Mekong', asOf: 'Kỳ xem', show: 'Xem',
    asOfHint: 'Ví dụ: 2026, 2026Q3, 202609', breadcrumb: 'Vị trí đơn vị',
    publicNote: 'Chế độ công khai: chỉ hiển thị số liệu đã xác minh.', indicators: 'Chỉ số',
    colIndicator: 'Chỉ số', colLayer: 'Tầng', colPeriod: 'Kỳ', colValue: 'Giá trị', colTarget: 'Mục tiêu',
    colColour: 'Đánh giá', rowHint: 'Chọn một chỉ số để xem xu hướng.', trend: 'Xu hướng', trendOf: 'Xu hướng: {name}',
    children: 'Đơn vị trực thuộc', colUnit: 'Đơn vị', colGreening: 'Tỷ lệ xanh', colTasks: 'Nhiệm vụ đúng hạn',
    colTimeliness: 'Báo cáo đúng hạn', colWarnings: 'Cảnh báo đang mở', rankings: 'Xếp hạng', rankBy: 'Xếp theo',
    byGreening: 'Tỷ lệ chỉ số xanh', byTasks: 'Nhiệm vụ đúng hạn', byTimeliness: 'Báo cáo đúng hạn', colRank: 'Hạng',
    sumGreen: 'Chỉ số của chính đơn vị: tỷ lệ xanh', sumGreenBelow: 'Tỷ lệ xanh của {n} đơn vị trực thuộc', sumLights: 'Đèn tín hiệu', sumTasks: 'Nhiệm vụ hoàn thành đúng hạn',
    sumTasksSub: '{onTime}/{due} nhiệm vụ đến hạn, {overdue} quá hạn', sumTimeliness: 'Báo cáo số liệu đúng hạn',
    sumWarnings: 'Cảnh báo đang mở', seeWarnings: 'Xem cảnh báo', rollup: 'tổng hợp từ {n} đơn vị',
    ownValue: 'số liệu của đơn vị', value: 'Giá trị', target: 'Mục tiêu',
    notVerified: 'Chưa xác minh', notVerifiedState: 'Chưa xác minh: {state}', computed: 'tính theo công thức', plugin: 'do phân hệ tính',
    noChart: 'Không tải được thư viện biểu đồ; số liệu hiển thị dạng bảng.', noTrend: 'Chưa có dữ liệu cho chỉ số này.',
    pickIndicator: 'Chọn một chỉ số trong bảng để xem xu hướng.', hasChildren: 'Xem các đơn vị trực thuộc',
    noChildren: 'Đơn vị này không có đơn vị trực thuộc.', colour: 'Đánh giá', noRank: 'không có số liệu', verifiedView: 'Chỉ số liệu đã xác minh', colourRuleTitle: 'Cách tính màu và xếp hạng',
    colourRule: 'Cách tính màu: mỗi chỉ số xanh khi đạt mục tiêu (hoặc ngưỡng xanh), đỏ khi dưới {red} % mục tiêu (hoặc vượt ngưỡng đỏ), vàng ở giữa; chỉ số không có mục tiêu, ngưỡng thì "chưa đánh giá". Một đơn vị xanh khi từ 80 % chỉ số được đánh giá là xanh; đỏ khi có chỉ số đỏ và dưới 50 % là xanh; còn lại vàng. Tỷ lệ xanh của các đơn vị trực thuộc gộp mọi đèn của các đơn vị đó (tính như từng đơn vị), nên luôn nằm giữa đơn vị thấp nhất và cao nhất; số liệu của chính cấp trên là số trung bình, tổng nên có thể khác. Số liệu của cấp trên được tổng hợp từ cấp dưới theo cách tổng hợp của từng chỉ số (cộng, trung bình, trung bình có trọng số...). Xếp hạng: bằng nhau thì cùng hạng; đơn vị không có số liệu xếp cuối, không có hạng.'
  },
  en: {
    dashTitle: 'Monitoring dashboard — Mekong', asOf: 'As of', show: 'Show', asOfHint: 'E.g. 2026, 2026Q3, 202609',
    breadcrumb: 'Unit location', publicNote: 'Public view: verified values only.', indicators: 'Indicators',
    colIndicator: 'Indicator', colLayer: 'Layer', colPeriod: 'Period', colValue: 'Value', colTarget: 'Target',
    colColour: 'Rating', rowHint: 'Pick an indicator to see its trend.', trend: 'Trend', trendOf: 'Trend: {name}',
    children: 'Units below', colUnit: 'Unit', colGreening: 'Green share', colTasks: 'Tasks on time',
    colTimeliness: 'Timely reporting', colWarnings: 'Open warnings', rankings: 'Rankings', rankBy: 'Rank by',
    byGreening: 'Green share', byTasks: 'Tasks on time', byTimeliness: 'Timely reporting', colRank: 'Rank',
    sumGreen: "The unit's own indicators: green share", sumGreenBelow: 'Green share across the {n} units below', sumLights: 'Traffic lights', sumTasks: 'Tasks done on time',
    sumTasksSub: '{onTime}/{due} tasks due, {overdue} overdue', sumTimeliness: 'Data reported on time',
    sumWarnings: 'Open warnings', seeWarnings: 'See warnings', rollup: 'rolled up from {n} units',
    ownValue: "the unit's own value", value: 'Value', target: 'Target',
    notVerified: 'Not verified', notVerifiedState: 'Not verified: {state}', computed: 'computed by formula', plugin: 'computed by a plugin',
    noChart: 'The chart library did not load; the data is shown as a table.', noTrend: 'No data for this indicator yet.',
    pickIndicator: 'Pick an indicator in the table to see its trend.', hasChildren: 'Show the units below',
    noChildren: 'This unit has no units below it.', colour: 'Rating', noRank: 'no data', verifiedView: 'Verified values only', colourRuleTitle: 'How colours and ranks are given',
    colourRule: 'How colours are given: an indicator is green when it meets its target (or green threshold), red below {red} % of the target (or beyond the red threshold), amber in between; an indicator without target or thresholds is "not rated". A unit is green when at least 80 % of its rated indicators are green; red when one is red and fewer than 50 % are green; amber otherwise. The green share across the units below pools all their lights (each rated as for that unit), so it always lies between the lowest and the highest of them; the higher level\'s own values are averages and sums and may rate differently. A higher level\'s values combine the levels below by each indicator\'s aggregation (sum, average, weighted average...). Rankings: equal figures share a rank; units without data come last, without a rank.'
  }
});

const hex = { GREEN: '#1e8e3e', AMBER: '#f2a900', RED: '#c5221f', NONE: '#9aa5b1', UNRATED: '#6b7785' };
let state = {};
let overview = null;
let rankings = null;
let trend = null;
let chart = null;
const seq = { overview: 0, rankings: 0, trend: 0 };

function readUrl() {
  const p = new URLSearchParams(location.search);
  state = {
    orgUnit: p.get('orgUnit') || '', asOf: p.get('asOf') || '', indicator: p.get('indicator') || '',
    view: p.get('view') === 'verified' ? 'verified' : '',
    by: ['greening', 'tasks', 'timeliness'].includes(p.get('by')) ? p.get('by') : 'greening'
  };
}

function urlFor(s) {
  const q = query({ orgUnit: s.orgUnit, asOf: s.asOf, indicator: s.indicator, by: s.by === 'greening' ? '' : s.by,
    view: s.view });
  return `${location.pathname}${q}`;
}

/** Moves to another unit or period: a new history entry, then a reload of the data. */
function go(changes) {
  state = { ...state, ...changes };
  history.pushState(null, '', urlFor(state));
  loadOverview();
}

const unitCode = () => overview?.orgUnit?.code || state.orgUnit;
const asOf = () => overview?.asOf || state.asOf;

async function loadOverview() {
  const mine = ++seq.overview;
  $('asof').value = state.asOf;
  say($('dashboard-message'), '');
  ['indicator-table', 'children-table', 'rankings-table'].forEach((id) => placeholderRow($(id).tBodies[0], t('loading')));
  const response = await api(`/monitoring/overview${query({ orgUnit: state.orgUnit, asOf: state.asOf, view: state.view })}`);
  const body = response.ok ? await json(response) : null;
  if (mine !== seq.overview) return;
  if (!body) {
    overview = null;
    const text = response.ok ? t('requestFailed') : await errorText(response);
    say($('dashboard-message'), text, true);
    ['indicator-table', 'children-table', 'rankings-table'].forEach((id) => placeholderRow($(id).tBodies[0], text, true));
    return;
  }
  overview = body;
  if (!state.orgUnit || !state.asOf) {
    state = { ...state, orgUnit: state.orgUnit || unitCode(), asOf: state.asOf || asOf() };
    history.replaceState(null, '', urlFor(state));
  }
  const codes = (overview.indicators || []).map((i) => i.code);
  if (!codes.includes(state.indicator)) {
    state.indicator = codes[0] || '';
    history.replaceState(null, '', urlFor(state));
  }
  renderOverview();
  loadRankings();
  loadTrend();
}

function renderOverview() {
  $('unit-title').textContent = overview ? `${t('navDashboard')}: ${name(overview.orgUnit)}` : t('navDashboard');
  if (!overview) return;
  $('asof').value = overview.asOf || state.asOf;
  $('public-note').hidden = !overview.verifiedOnly;
  $('view-verified').checked = state.view === 'verified';
  renderBreadcrumb();
  renderSummary();
  fillRows($('indicator-table').tBodies[0], (overview.indicators || []).map(indicatorRow));
  fillRows($('children-table').tBodies[0], (overview.children || []).map(childRow), t('noChildren'));
  const code = unitCode();
  setExport($('export-indicators'), `/monitoring/overview${query({ orgUnit: code, asOf: asOf(), format: 'csv', table: 'indicators' })}`,
    `indicators-${code}-${asOf()}.csv`);
  setExport($('export-children'), `/monitoring/overview${query({ orgUnit: code, asOf: asOf(), format: 'csv', table: 'children' })}`,
    `children-${code}-${asOf()}.csv`);
}

function renderBreadcrumb() {
  const crumbs = [...(overview.breadcrumb || [])];
  const current = overview.orgUnit;
  if (current && (!crumbs.length || crumbs[crumbs.length - 1].code !== current.code)) crumbs.push(current);
  const list = el('ol', {}, crumbs.map((c, i) => {
    const last = i === crumbs.length - 1;
    return el('li', {}, el('a', {
      href: urlFor({ ...state, orgUnit: c.code }), dataset: { code: c.code }, 'aria-current': last ? 'page' : null,
      onclick: (e) => { if (plainClick(e)) { e.preventDefault(); if (!last) go({ orgUnit: c.code }); } }
    }, name(c)));
  }));
  $('breadcrumb').replaceChildren(list);
}

const plainClick = (e) => !(e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button);

function tile(field, label, value, ...extra) {
  return el('div', { class: 'tile', dataset: { field } }, el('span', { class: 'label' }, label),
    el('span', { class: 'value' }, value), ...extra);
}

function renderSummary() {
  const s = overview.summary || {};
  const lights = el('div', { class: 'lights' }, ['GREEN', 'AMBER', 'RED', 'UNRATED', 'NONE'].map((c) => el('span', {
    dataset: { colour: c }
  }, colourBadge(c, `${t(c)}: ${fmt(s[c.toLowerCase()] ?? 0, 0)}`))));
  const warnings = el('a', { href: `/monitoring/warnings.html${query({ orgUnit: unitCode() })}`, class: 'sub' }, t('seeWarnings'));
  $('colour-rule').querySelector('p').textContent = t('colourRule', { red: fmt((overview.amberRatio ?? 0.8) * 100, 0) });
  $('summary').replaceChildren(
    ...(s.greenShareBelow === null || s.greenShareBelow === undefined ? [] : [tile('greenShareBelow',
      t('sumGreenBelow', { n: fmt((overview.children || []).length, 0) }),
      el('span', { class: `badge colour-${s.colourBelow || 'NONE'}`, dataset: { colour: s.colourBelow || 'NONE' } },
        pct(s.greenShareBelow)))]),
    tile('greenShare', t('sumGreen'), el('span', { class: `badge colour-${s.colour || 'NONE'}`, dataset: { colour: s.colour || 'NONE' } },
      pct(s.greenShare))),
    el('div', { class: 'tile', dataset: { field: 'lights' } }, el('span', { class: 'label' }, t('sumLights')), lights),
    tile('taskOnTimeShare', t('sumTasks'), pct(s.taskOnTimeShare), el('span', { class: 'sub' },
      t('sumTasksSub', { onTime: fmt(s.tasksOnTime ?? 0, 0), due: fmt(s.tasksDue ?? 0, 0), overdue: fmt(s.tasksOverdue ?? 0, 0) }))),
    tile('timeliness', t('sumTimeliness'), pct(s.timeliness)),
    tile('openWarnings', t('sumWarnings'), fmt(s.openWarnings ?? 0, 0), warnings));
}

function withUnit(value, unit) {
  if (value === null || value === undefined) return '—';
  if (!unit || /^(count|số)$/i.test(unit)) return fmt(value);
  return unit === '%' ? `${fmt(value)} %` : `${fmt(value)} ${unit}`;
}

function indicatorRow(c) {
  const colour = ['GREEN', 'AMBER', 'RED', 'UNRATED'].includes(c.colour) ? c.colour : 'NONE';
  const hasValue = c.value !== null && c.value !== undefined;
  const how = c.source === 'FORMULA' ? t('computed') : c.source === 'PLUGIN' ? t('plugin')
    : c.own ? t('ownValue') : t('rollup', { n: fmt(c.reportingUnits ?? 0, 0) });
  const origin = hasValue ? el('span', { class: 'sub' }, how) : null;
  // A value not (all) verified is never shown as a fact: it carries its state.
  const unverified = hasValue && c.verified === false
    ? el('span', { class: 'badge badge-unverified', dataset: { state: c.state || 'MIXED' } },
      c.state ? t('notVerifiedState', { state: t(c.state) }) : t('notVerified'))
    : null;
  const row = el('tr', {
    class: `clickable${c.code === state.indicator ? ' selected' : ''}`, tabindex: 0, dataset: { code: c.code },
    title: c.note || null
  },
  el('td', {}, name(c), el('span', { class: 'code' }, c.code)),
  el('td', {}, c.layer ? t(c.layer) : '—'),
  el('td', {}, c.period || '—'),
  el('td', { class: 'num' }, withUnit(c.value, c.unit), origin, unverified),
  el('td', { class: 'num' }, withUnit(c.target, c.unit)),
  el('td', { class: `colour colour-${colour}`, dataset: { colour } }, colourBadge(colour)));
  const pick = () => selectIndicator(c.code);
  row.addEventListener('click', pick);
  row.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } });
  return row;
}

function selectIndicator(code) {
  state.indicator = code;
  history.replaceState(null, '', urlFor(state));
  $('indicator-table').querySelectorAll('tbody tr[data-code]').forEach((tr) => tr.classList.toggle('selected', tr.dataset.code === code));
  loadTrend();
}

/** A unit's colour is the server's (Colour.overall): the rule is explained on the page. */
function shareColour(row) {
  return ['GREEN', 'AMBER', 'RED'].includes(row?.colour) ? row.colour : 'NONE';
}

function unitLink(unit, cls, hasChildren) {
  return el('a', {
    class: cls, href: urlFor({ ...state, orgUnit: unit.code }),
    dataset: { code: unit.code, hasChildren: hasChildren === undefined ? null : String(Boolean(hasChildren)) },
    title: hasChildren ? t('hasChildren') : null,
    onclick: (e) => { if (plainClick(e)) { e.preventDefault(); go({ orgUnit: unit.code }); } }
  }, name(unit));
}

function childRow(c) {
  const unit = c.orgUnit || {};
  const counts = el('span', { class: 'counts' }, ['green', 'amber', 'red'].map((k) => `${t(k.toUpperCase())} ${fmt(c[k] ?? 0, 0)}`).join(' · '));
  return el('tr', { dataset: { code: unit.code } },
    el('td', {}, unitLink(unit, 'drill', c.hasChildren), el('span', { class: 'code' }, unit.code)),
    el('td', { class: 'share', dataset: { colour: shareColour(c) } },
      el('span', { class: `badge colour-${shareColour(c)}` }, pct(c.greenShare)), counts),
    el('td', { class: 'num' }, pct(c.taskOnTimeShare)),
    el('td', { class: 'num' }, pct(c.timeliness)),
    el('td', { class: 'num' }, fmt(c.openWarnings ?? 0, 0)));
}

async function loadRankings() {
  const mine = ++seq.rankings;
  $('rank-by').value = state.by;
  const params = { orgUnit: unitCode(), asOf: asOf(), by: state.by };
  setExport($('export-rankings'), `/monitoring/rankings${query({ ...params, format: 'csv' })}`,
    `rankings-${state.by}-${asOf()}.csv`);
  const response = await api(`/monitoring/rankings${query(params)}`);
  const body = response.ok ? await json(response) : null;
  if (mine !== seq.rankings) return;
  rankings = body;
  if (!body) {
    placeholderRow($('rankings-table').tBodies[0], response.ok ? t('requestFailed') : await errorText(response), true);
    return;
  }
  renderRankings();
}

function renderRankings() {
  if (!rankings) return;
  const sorted = { greening: 2, tasks: 3, timeliness: 4 }[rankings.by || state.by];
  fillRows($('rankings-table').tBodies[0], (rankings.rows || []).map((r) => {
    const unit = typeof r.orgUnit === 'string' ? { code: r.orgUnit } : (r.orgUnit || {});
    const cells = [
      el('td', { class: 'num' }, r.noData || r.rank === null || r.rank === undefined
        ? el('span', { class: 'sub' }, t('noRank')) : fmt(r.rank, 0)),
      el('td', {}, unitLink(unit, 'rank-unit')),
      el('td', { class: 'num' }, pct(r.greenShare)),
      el('td', { class: 'num' }, pct(r.taskOnTimeShare)),
      el('td', { class: 'num' }, pct(r.timeliness))
    ];
    if (cells[sorted]) cells[sorted].style.fontWeight = '700';
    return el('tr', { dataset: { code: unit.code, rank: r.rank ?? '' , noData: String(Boolean(r.noData)) } }, cells);
  }));
}

async function loadTrend() {
  const mine = ++seq.trend;
  const code = state.indicator;
  trend = null;
  if (!code || !unitCode()) { renderTrend(); return; }
  say($('trend-message'), t('loading'));
  const response = await api(`/monitoring/trend${query({ indicator: code, orgUnit: unitCode(), asOf: asOf() })}`);
  const body = response.ok ? await json(response) : null;
  if (mine !== seq.trend) return;
  if (!body) {
    renderTrend();
    say($('trend-message'), response.ok ? t('requestFailed') : await errorText(response), true);
    return;
  }
  trend = body;
  renderTrend();
}

function clearChart() {
  if (chart) { chart.dispose(); chart = null; }
  $('trend-chart').replaceChildren();
}

function renderTrend() {
  const box = $('trend-chart');
  const cell = (overview?.indicators || []).find((i) => i.code === state.indicator);
  $('trend-title').textContent = cell ? t('trendOf', { name: name(cell) }) : t('trend');
  const points = trend?.points || [];
  box.dataset.indicator = trend?.indicator || '';
  box.dataset.points = String(points.length);
  box.setAttribute('aria-label', $('trend-title').textContent);
  if (!trend || !points.length) {
    clearChart();
    box.hidden = true;
    if (trend || !state.indicator) say($('trend-message'), trend ? t('noTrend') : t('pickIndicator'));
    return;
  }
  box.hidden = false;
  say($('trend-message'), '');
  if (typeof window.echarts === 'undefined') {
    clearChart();
    say($('trend-message'), t('noChart'));
    box.append(el('div', { class: 'table-wrap' }, el('table', { class: 'trend-table' },
      el('thead', {}, el('tr', {}, el('th', {}, t('colPeriod')), el('th', { class: 'num' }, t('value')),
        el('th', { class: 'num' }, t('target')), el('th', {}, t('colour')))),
      el('tbody', {}, points.map((p) => el('tr', { dataset: { period: p.period } }, el('td', {}, p.period),
        el('td', { class: 'num' }, fmt(p.value)), el('td', { class: 'num' }, fmt(p.target)),
        el('td', {}, colourBadge(p.colour))))))));
    box.style.height = 'auto';
    return;
  }
  if (!chart) { box.replaceChildren(); box.style.height = ''; chart = window.echarts.init(box); }
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined || v === '-' ? '—' : fmt(v)) },
    legend: { data: [t('value'), t('target')], top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => p.period) },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v) => fmt(v) } },
    series: [
      {
        name: t('value'), type: 'line', symbolSize: 10, lineStyle: { color: '#0b6e4f', width: 2 }, itemStyle: { color: '#0b6e4f' },
        data: points.map((p) => ({ value: p.value ?? '-', itemStyle: { color: hex[p.colour] || hex.NONE } }))
      },
      {
        name: t('target'), type: 'line', symbol: 'none', lineStyle: { type: 'dashed', color: '#5b6775' },
        itemStyle: { color: '#5b6775' }, data: points.map((p) => p.target ?? '-')
      }
    ]
  }, true);
}

function rerender() {
  renderOverview();
  renderRankings();
  renderTrend();
}

$('asof-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const value = $('asof').value.trim().toUpperCase();
  go({ asOf: value });
});
$('view-verified').addEventListener('change', () => go({ view: $('view-verified').checked ? 'verified' : '' }));
// Signed-in staff may switch to the verified figures only (the public sees nothing else).
api('/me').then((r) => { $('view-verified-label').hidden = !r.ok; }).catch(() => {});
$('rank-by').addEventListener('change', () => {
  state.by = $('rank-by').value;
  history.replaceState(null, '', urlFor(state));
  loadRankings();
});
window.addEventListener('popstate', () => { readUrl(); loadOverview(); });
window.addEventListener('resize', () => { if (chart) chart.resize(); });
initDownloads($('dashboard-message'));
readUrl();
renderHeader('dashboard', rerender);
loadOverview();

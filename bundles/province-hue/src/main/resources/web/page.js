// Hue's page: its own indicators and the dashboard widget ranking the commune public-service
// centres by the share of feedback they resolved (computed from the feedback plugin's data).
import { addTexts, api, json, errorText, t, el, $, fmt, name, query, say, fillRows, renderHeader } from '/ui/kit.js';

addTexts({
  vi: {
    title: 'Huế: chỉ số riêng', communesLabel: 'Xã, phường:', year: 'Năm', commune: 'Xã, phường', rate: 'Tỷ lệ',
    centresTitle: 'Trung tâm phục vụ hành chính công cấp xã: tỷ lệ phản ánh được giải quyết',
    needFeedback: 'Cần cài plugin phản ánh (mekong-feedback) để tính chỉ số này.',
    centresNote: '{with} / {all} xã, phường có phản ánh trong năm {year}.', noCentres: 'Chưa có phản ánh nào trong năm này.'
  },
  en: {
    title: 'Huế: own indicators', communesLabel: 'Communes and wards:', year: 'Year', commune: 'Commune or ward', rate: 'Rate',
    centresTitle: 'Commune public-service centres: share of feedback resolved',
    needFeedback: 'Install the feedback plugin (mekong-feedback) to compute this indicator.',
    centresNote: '{with} / {all} communes and wards received feedback in {year}.', noCentres: 'No feedback in this year yet.'
  }
});

const yearInput = $('year');
yearInput.value = new Date().getFullYear();
let asked = 0;

async function renderIndicators() {
  const indicators = await json(await api('/indicators')) || [];
  $('indicators').replaceChildren(...indicators.filter((i) => i.provider === 'province-hue')
    .map((i) => el('li', {}, `${i.code}: ${name(i)}`)));
  const info = await json(await api('/hue')) || {};
  $('communes').textContent = info.communes ?? '—';
}

/** The widget: each commune's rate for the year, highest first, with a traffic-light bar. */
async function renderCentres() {
  const mine = ++asked;
  const response = await api(`/hue/centres${query({ year: yearInput.value })}`);
  const body = $('centres').tBodies[0];
  if (mine !== asked) return;
  if (!response.ok) {
    say($('centres-note'), await errorText(response), true);
    body.replaceChildren();
    return;
  }
  const data = await json(response);
  if (mine !== asked) return;
  const rows = data.centres.filter((c) => c.rate !== null).sort((a, b) => b.rate - a.rate);
  say($('centres-note'), data.feedbackPresent ? t('centresNote', { with: rows.length, all: data.centres.length, year: data.year })
    : t('needFeedback'));
  fillRows(body, rows.map((c) => {
    const colour = c.rate >= data.greenThreshold ? 'green' : c.rate < data.redThreshold ? 'red' : 'amber';
    const meter = el('div', { class: `meter ${colour}`, 'aria-label': `${c.rate}%`, style: `width: ${c.rate}%` });
    return el('tr', { dataset: { code: c.code } }, el('td', {}, name(c)), el('td', { class: 'num' }, `${fmt(c.rate, 1)}%`),
      el('td', {}, meter));
  }), t('noCentres'));
}

function render() {
  renderIndicators();
  renderCentres();
}

$('year-form').addEventListener('submit', (event) => { event.preventDefault(); renderCentres(); });
yearInput.addEventListener('change', renderCentres);
await renderHeader('province-hue', render);
render();

import { $, api, el, t, addTexts, name, json, say, fmtDate, query } from '/ui/kit.js';
import { header, optionName } from './fb.js';

addTexts({
  vi: { answersTitle: 'Kết quả trả lời phản ánh, kiến nghị', search: 'Tìm kiếm', category: 'Loại', province: 'Tỉnh',
    filter: 'Lọc', all: 'Tất cả', results: '{n} kết quả', answer: 'Trả lời', none: 'Không có kết quả phù hợp.' },
  en: { answersTitle: 'Published answers', search: 'Search', category: 'Kind', province: 'Province', filter: 'Filter',
    all: 'All', results: '{n} results', answer: 'Answer', none: 'Nothing matches.' }
});

let options = { categories: [] };
let offset = 0;
const limit = 20;

async function load() {
  const message = $('ans-message');
  say(message, t('loading'));
  const r = await api(`/feedback/published${query({ q: $('ans-q').value.trim(), category: $('ans-category').value,
    orgUnit: $('ans-province').value, offset, limit })}`);
  if (!r.ok) { say(message, t('requestFailed'), true); return; }
  const page = await json(r);
  say(message, page.total ? t('results', { n: page.total }) : t('none'));
  $('ans-list').replaceChildren(...page.items.map((i) => el('article', { class: 'card answer-item', dataset: { id: i.publicId } },
    el('h2', {}, i.title),
    el('p', { class: 'hint' }, `${i.publicId} · ${optionName(options.categories, i.category)} · ${name(i.orgUnit)} · ${fmtDate(i.publishedAt)}`),
    el('p', { class: 'text-block' }, i.content),
    el('h3', {}, t('answer')), el('p', { class: 'text-block answer' }, i.answer || ''))));
  $('ans-page').textContent = page.total ? `${offset + 1}–${Math.min(offset + limit, page.total)} / ${page.total}` : '';
  $('ans-prev').disabled = offset === 0;
  $('ans-next').disabled = offset + limit >= page.total;
}

async function init() {
  await header('answers', load);
  const [o, p] = await Promise.all([api('/feedback/options'), api('/orgunits?level=PROVINCE&limit=100')]);
  options = o.ok ? await json(o) : options;
  const provinces = p.ok ? (await json(p)).items : [];
  $('ans-category').replaceChildren(el('option', { value: '' }, t('all')),
    ...options.categories.map((c) => el('option', { value: c.code }, name(c))));
  $('ans-province').replaceChildren(el('option', { value: '' }, t('all')),
    ...provinces.sort((a, b) => name(a).localeCompare(name(b), 'vi')).map((u) => el('option', { value: u.code }, name(u))));
  $('ans-form').addEventListener('submit', (e) => { e.preventDefault(); offset = 0; load(); });
  $('ans-prev').addEventListener('click', () => { offset = Math.max(0, offset - limit); load(); });
  $('ans-next').addEventListener('click', () => { offset += limit; load(); });
  load();
}

init();

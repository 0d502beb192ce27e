import { $, api, t, addTexts, json, errorText, say, query } from '/ui/kit.js';
import { header, summaryItem, pager, param, setParams, fillSelect, KINDS } from './portal.js';

addTexts({
  vi: { searchTitle: 'Tìm kiếm', searchHint: 'Có thể gõ không dấu, ví dụ “chuyen doi so”.', enterWords: 'Nhập từ khoá để tìm.' },
  en: { searchTitle: 'Search', searchHint: 'Accents are optional, e.g. “chuyen doi so”.', enterWords: 'Type some words to search for.' }
});

const limit = 20;
let offset = Number(param('offset')) || 0;
let page = null;
let showPage = null;

function fillKinds() {
  fillSelect($('search-kind'), KINDS.map((k) => [k, t(k)]));
}

function render() {
  if (!page) return;
  $('search-count').textContent = t('results', { n: page.total });
  $('search-results').replaceChildren(...page.items.map((s) => summaryItem(s, { badge: true })));
  say($('search-message'), page.total ? '' : t('noResults'));
  showPage(page);
}

async function search() {
  const q = $('search-q').value.trim();
  const kind = $('search-kind').value;
  setParams({ q, kind, offset: offset || '' });
  const message = $('search-message');
  say(message, t('loading'));
  const r = await api(`/portal/search${query({ q, kind, offset, limit })}`);
  if (!r.ok) {
    page = null;
    $('search-count').textContent = '';
    $('search-results').replaceChildren();
    showPage({ offset: 0, limit, total: 0 });
    say(message, await errorText(r), true);
    return;
  }
  page = await json(r);
  render();
}

async function init() {
  await header('search', () => { fillKinds(); render(); if (!page) say($('search-message'), ''); });
  showPage = pager($('search-prev'), $('search-next'), $('search-page'), (o) => { offset = o; search(); window.scrollTo(0, 0); });
  fillKinds();
  $('search-q').value = param('q');
  $('search-kind').value = KINDS.includes(param('kind')) ? param('kind') : '';
  $('search-form').addEventListener('submit', (e) => { e.preventDefault(); offset = 0; search(); });
  $('search-kind').addEventListener('change', () => { if ($('search-q').value.trim()) { offset = 0; search(); } });
  if (param('q')) search();
  else $('search-q').focus();
}

init();

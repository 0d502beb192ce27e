import { $, addTexts, name } from '/ui/kit.js';
import { header, summaryItem, fillSelect, param } from './portal.js';
import { listPage, facets } from './list.js';

addTexts({ vi: { newsTitle: 'Tin tức' }, en: { newsTitle: 'News' } });

let categories = [];
const fillCategories = (chosen) => fillSelect($('news-category'), categories.map((c) => [c.code, name(c)]), chosen);

async function init() {
  const list = listPage({ kind: 'ARTICLE', prefix: 'news', selects: { category: $('news-category') },
    render: (page) => $('news-list').replaceChildren(...page.items.map((s) => summaryItem(s))) });
  await header('news', () => { fillCategories(); list.rerender(); });
  categories = (await facets()).categories;
  fillCategories(param('category'));
  list.load(false);
}

init();

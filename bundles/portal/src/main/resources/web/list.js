// The public list pages (news, documents, activities): filters kept in the page's URL, paging,
// and an optional tag filter (from a tag link of an item) shown as a removable chip.
import { $, api, el, t, json, errorText, say, query } from '/ui/kit.js';
import { pager, param, setParams } from './portal.js';

/**
 * kind: ARTICLE|DOCUMENT|ACTIVITY; prefix: id prefix of the page (#{prefix}-message, -prev, -next, -page,
 * -count, -tag); selects: {apiParam: select}; render(page) draws the items.
 * Answers {load(resetOffset), rerender()}.
 */
export function listPage({ kind, prefix, selects, render }) {
  const limit = 20;
  let offset = Number(param('offset')) || 0;
  let tag = param('tag');
  const category = selects.category ? '' : param('category');
  let page = null;
  const showPage = pager($(`${prefix}-prev`), $(`${prefix}-next`), $(`${prefix}-page`), (o) => {
    offset = o; load(false); window.scrollTo(0, 0);
  });

  function filters() {
    const values = { category, tag };
    Object.entries(selects).forEach(([key, select]) => { values[key] = select.value; });
    return values;
  }

  function showTag() {
    const box = $(`${prefix}-tag`);
    if (!box) return;
    box.hidden = !tag;
    box.replaceChildren(...(tag ? [el('span', { class: 'pt-chip' }, `${t('tag')}: #${tag}`,
      el('button', { type: 'button', class: 'secondary', 'aria-label': t('removeTag'),
        onclick: () => { tag = ''; load(true); } }, '×'))] : []));
  }

  function rerender() {
    showTag();
    if (!page) return;
    $(`${prefix}-count`).textContent = t('results', { n: page.total });
    say($(`${prefix}-message`), page.total ? '' : t('noResults'));
    render(page);
    showPage(page);
  }

  async function load(resetOffset) {
    if (resetOffset) offset = 0;
    const values = filters();
    setParams({ ...values, offset: offset || '' });
    showTag();
    const message = $(`${prefix}-message`);
    say(message, t('loading'));
    const r = await api(`/portal/items${query({ kind, ...values, offset, limit })}`);
    if (!r.ok) { say(message, await errorText(r), true); return; }
    page = await json(r);
    rerender();
  }

  Object.values(selects).forEach((select) => select.addEventListener('change', () => load(true)));
  return { load, rerender };
}

/** The facets ({categories, docTypes, issuers, years, tags}); empty lists when they cannot be read. */
export async function facets() {
  const r = await api('/portal/facets');
  const f = r.ok ? await json(r) : null;
  return { categories: [], docTypes: [], issuers: [], years: [], tags: [], ...(f || {}) };
}

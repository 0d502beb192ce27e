import { $, el, t, addTexts } from '/ui/kit.js';
import { header, pick, itemLink, fmtDay } from './portal.js';
import { listPage } from './list.js';

addTexts({
  vi: { activitiesTitle: 'Hoạt động của lãnh đạo và các cơ quan Trung ương' },
  en: { activitiesTitle: 'Activities of leaders and central bodies' }
});

function activity(s) {
  const who = [s.person, s.orgBody].filter(Boolean).join(' — ');
  return el('li', { class: 'pt-entry pt-activity', dataset: { slug: s.slug, kind: s.kind } },
    el('time', { class: 'pt-date', datetime: s.eventDate || s.publishedAt || null }, fmtDay(s.eventDate || s.publishedAt)),
    el('div', { class: 'pt-activity-text' },
      el('a', { class: 'pt-entry-title', href: itemLink(s) }, pick(s, 'title') || s.slug),
      who ? el('p', { class: 'pt-entry-meta' }, el('span', { class: 'pt-person' }, who)) : null,
      s.place ? el('p', { class: 'pt-entry-meta pt-place' }, `${t('place')}: ${s.place}`) : null,
      pick(s, 'summary') ? el('p', { class: 'pt-entry-summary' }, pick(s, 'summary')) : null));
}

async function init() {
  const list = listPage({ kind: 'ACTIVITY', prefix: 'activity', selects: {},
    render: (page) => $('activity-list').replaceChildren(...page.items.map(activity)) });
  await header('activities', () => list.rerender());
  list.load(false);
}

init();

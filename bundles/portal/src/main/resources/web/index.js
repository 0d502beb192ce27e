import { $, api, el, t, addTexts, json, errorText, say } from '/ui/kit.js';
import { header, pick, summaryItem, fmtFigure } from './portal.js';

addTexts({
  vi: {
    homeTitle: 'Cổng thông tin phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số',
    heroText: 'Ngày 2/7/2025, Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số '
      + 'ra mắt ba nền tảng thực hiện Nghị quyết 57-NQ/TW: Cổng thông tin điện tử, Hệ thống theo dõi, giám sát, đánh giá '
      + 'việc thực hiện Nghị quyết và Nền tảng tiếp nhận, xử lý phản ánh, kiến nghị của người dân, doanh nghiệp.',
    latestNews: 'Tin mới', allNews: 'Tất cả tin tức', latestDocuments: 'Văn bản mới', allDocuments: 'Thư viện văn bản',
    latestActivities: 'Hoạt động', allActivities: 'Tất cả hoạt động', figuresTitle: 'Số liệu thực hiện', platforms: 'Các nền tảng'
  },
  en: {
    homeTitle: 'Portal on science, technology, innovation and digital transformation',
    heroText: 'On 2 July 2025 the Central Steering Committee on science, technology, innovation and digital transformation '
      + 'launched three platforms for Resolution 57-NQ/TW: this information portal, the system for monitoring and '
      + 'evaluating the Resolution\'s implementation, and the platform receiving feedback and proposals from citizens and businesses.',
    latestNews: 'Latest news', allNews: 'All news', latestDocuments: 'New documents', allDocuments: 'Document library',
    latestActivities: 'Activities', allActivities: 'All activities', figuresTitle: 'Key figures', platforms: 'Platforms'
  }
});

let home = null;

function fillList(sectionId, items, options) {
  const list = $(sectionId).querySelector('ul');
  list.replaceChildren(...(items && items.length ? items.map((s) => summaryItem(s, options))
    : [el('li', { class: 'pt-empty muted' }, t('none'))]));
}

function figureNode(f) {
  const colour = ['GREEN', 'AMBER', 'RED'].includes(f.colour) ? f.colour : null;
  const value = el('span', { class: colour ? `value light colour-${colour}` : 'value' },
    colour ? el('span', { class: 'dot', 'aria-hidden': 'true' }) : null, fmtFigure(f.value, f.unit));
  const label = el('span', { class: 'label' }, pick(f, 'label') || f.key);
  return el('div', { class: 'figure', dataset: { key: f.key, colour: colour || undefined } },
    value, f.href ? el('a', { href: f.href }, label) : label);
}

function renderFigures(groups) {
  const list = (groups || []).filter((g) => g && Array.isArray(g.figures));
  $('figures').hidden = list.length === 0;
  $('figure-groups').replaceChildren(...list.map((g) => {
    const title = pick(g, 'title') || g.id;
    return el('section', { class: 'figure-group', dataset: { provider: g.id } },
      el('h3', {}, g.href ? el('a', { href: g.href }, title) : title),
      el('div', { class: 'figure-list' }, g.figures.map(figureNode)));
  }));
}

let platforms = [];

/** The other platforms' public pages, as far as their plugins are installed (the shell's menu follows them). */
async function loadPlatforms() {
  const r = await api('/ui/contributions');
  const wanted = ['monitoring.dashboard', 'feedback.submit', 'feedback.track', 'feedback.answers'];
  platforms = r.ok ? ((await json(r)) || []).filter((c) => wanted.includes(c.id)) : [];
  renderPlatforms();
}

function renderPlatforms() {
  $('platforms').replaceChildren(...platforms.map((c) => el('a', { class: 'pt-platform', href: c.href, dataset: { id: c.id } },
    pick(c, 'label'))));
}

function render() {
  renderPlatforms();
  if (!home) return;
  fillList('latest-news', home.articles, { summary: true });
  fillList('latest-documents', home.documents, { summary: false });
  fillList('latest-activities', home.activities, { summary: false });
  renderFigures(home.figures);
}

async function init() {
  await header('home', render);
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const q = $('search-q').value.trim();
    if (!q) { $('search-q').focus(); return; }
    window.location.href = `/portal/search.html?${new URLSearchParams({ q })}`;
  });
  loadPlatforms();
  const r = await api('/portal/home');
  if (!r.ok) { say($('home-message'), await errorText(r), true); return; }
  home = await json(r);
  render();
}

init();

import { $, el, t, addTexts } from '/ui/kit.js';
import { header, pick, itemLink, fmtDay, docTypeName, fillSelect, param, DOC_TYPES } from './portal.js';
import { listPage, facets } from './list.js';

addTexts({ vi: { documentsTitle: 'Thư viện văn bản' }, en: { documentsTitle: 'Document library' } });

let f = { docTypes: [], issuers: [], years: [] };

function fillFilters(initial) {
  const types = f.docTypes.length ? f.docTypes.map((d) => d.code) : DOC_TYPES;
  fillSelect($('doc-type'), types.map((code) => [code, docTypeName(code, f.docTypes)]), initial ? param('docType') : undefined);
  fillSelect($('doc-issuer'), f.issuers.map((i) => [i, i]), initial ? param('issuer') : undefined);
  fillSelect($('doc-year'), [...f.years].sort((a, b) => b - a).map((y) => [String(y), String(y)]), initial ? param('year') : undefined);
}

function row(s) {
  const cell = (key, content, cls) => el('td', { class: cls, 'data-label': key ? t(key) : null }, content || '');
  return el('tr', { dataset: { slug: s.slug } },
    cell('docNumber', s.docNumber, 'pt-num'),
    el('td', { class: 'pt-doc-title' }, el('a', { href: itemLink(s) }, pick(s, 'title') || s.slug)),
    cell('docType', docTypeName(s.docType, f.docTypes)),
    cell('issuer', s.issuer),
    cell('issuedOn', fmtDay(s.issuedOn), 'pt-num'));
}

async function init() {
  const tbody = $('doc-table').querySelector('tbody');
  const list = listPage({ kind: 'DOCUMENT', prefix: 'doc',
    selects: { docType: $('doc-type'), issuer: $('doc-issuer'), year: $('doc-year') },
    render: (page) => tbody.replaceChildren(...page.items.map(row)) });
  await header('documents', () => { fillFilters(false); list.rerender(); });
  f = await facets();
  fillFilters(true);
  list.load(false);
}

init();

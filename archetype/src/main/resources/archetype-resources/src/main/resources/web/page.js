// ${provinceName}'s page: its indicators (from the platform's registry) and its initiatives register.
import { addTexts, api, send, json, errorText, t, el, $, fillRows, say, renderHeader } from '/ui/kit.js';

addTexts({
  vi: { title: '${provinceName}: chỉ số và sáng kiến', indicators: 'Chỉ số riêng của tỉnh', initiatives: 'Sáng kiến chuyển đổi số',
    name: 'Tên', unit: 'Đơn vị', status: 'Trạng thái', newInitiative: 'Sáng kiến mới', add: 'Thêm', none: 'Chưa có sáng kiến.',
    done: 'Đã hoàn thành: {share}%', saved: 'Đã lưu.' },
  en: { title: '${provinceName}: indicators and initiatives', indicators: 'The province\'s own indicators',
    initiatives: 'Digital-transformation initiatives', name: 'Name', unit: 'Unit', status: 'Status',
    newInitiative: 'New initiative', add: 'Add', none: 'No initiatives yet.', done: 'Completed: {share}%', saved: 'Saved.' }
});

async function render() {
  const all = await json(await api('/indicators')) || [];
  $('indicators').replaceChildren(...all.filter((i) => i.provider === 'province-${province}')
    .map((i) => el('li', {}, i.code + ': ' + i.nameVi)));
  const info = await json(await api('/${province}')) || {};
  $('done').textContent = info.initiativesDonePercent == null ? '' : t('done', { share: info.initiativesDonePercent });
  const rows = await json(await api('/${province}/initiatives')) || [];
  fillRows($('initiatives').tBodies[0], rows.map((r) => el('tr', {}, el('td', {}, r.title), el('td', {}, r.orgUnit),
    el('td', {}, r.status))), t('none'));
}

const me = await renderHeader('province-${province}', render);
$('new-initiative').hidden = !me;
$('new-initiative').addEventListener('submit', async (event) => {
  event.preventDefault();
  const response = await send('POST', '/${province}/initiatives', { title: $('initiative-title').value });
  if (response.ok) {
    $('initiative-title').value = '';
    say($('form-status'), t('saved'));
    render();
  } else {
    say($('form-status'), await errorText(response), true);
  }
});
render();

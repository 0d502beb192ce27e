import { $, api, el, t, addTexts, name, json, readError, say, send, query } from '/ui/kit.js';
import { header, showFieldErrors } from './fb.js';

addTexts({
  vi: {
    submitTitle: 'Gửi phản ánh, kiến nghị', sender: 'Người gửi', senderName: 'Họ và tên', organisation: 'Tổ chức',
    email: 'Thư điện tử', phone: 'Điện thoại', province: 'Tỉnh, thành phố', commune: 'Xã, phường (không bắt buộc)',
    category: 'Loại', field: 'Lĩnh vực', staffDecide: 'Để cán bộ phân loại', title: 'Tiêu đề', content: 'Nội dung',
    attachments: 'Tệp đính kèm', send: 'Gửi', sending: 'Đang gửi…', receivedTitle: 'Đã tiếp nhận',
    keepCode: 'Hãy giữ mã theo dõi dưới đây để tra cứu kết quả xử lý (không cần tài khoản):', copy: 'Sao chép',
    copied: 'Đã sao chép', followIt: 'Theo dõi phản ánh này', chars: '{n}/{max} ký tự (tối thiểu {min})',
    filesHint: 'Tối đa {n} tệp, mỗi tệp {mb} MiB: {types}', tooMany: 'Quá nhiều tệp (tối đa {n}).',
    tooBig: 'Tệp {file} lớn hơn {mb} MiB.', badType: 'Tệp {file} không đúng định dạng cho phép.',
    chooseProvince: '— Chọn —', wholeProvince: '— Cả tỉnh —',
    submitIntro: 'Phản ánh khó khăn, vướng mắc, kiến nghị chính sách, sáng kiến về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số. Có thể gửi ẩn danh.',
    limited: 'Bạn đã gửi quá nhiều lần. Vui lòng thử lại sau {s} giây.'
  },
  en: {
    submitTitle: 'Send feedback or a proposal', sender: 'Sender', senderName: 'Full name', organisation: 'Organisation',
    email: 'E-mail', phone: 'Phone', province: 'Province or city', commune: 'Commune or ward (optional)',
    category: 'Kind', field: 'Field', staffDecide: 'Let staff decide', title: 'Title', content: 'Content',
    attachments: 'Attachments', send: 'Send', sending: 'Sending…', receivedTitle: 'Received',
    keepCode: 'Keep this tracking code to follow the processing (no account needed):', copy: 'Copy',
    copied: 'Copied', followIt: 'Follow this feedback', chars: '{n}/{max} characters (at least {min})',
    filesHint: 'At most {n} files of {mb} MiB each: {types}', tooMany: 'Too many files (at most {n}).',
    tooBig: 'File {file} is larger than {mb} MiB.', badType: 'File {file} has a type that is not accepted.',
    chooseProvince: '— Choose —', wholeProvince: '— Whole province —',
    submitIntro: 'Report difficulties and obstacles, propose policies, share initiatives on S&T, innovation and digital transformation. You may stay anonymous.',
    limited: 'You sent too many times. Please try again in {s} seconds.'
  }
});

let options = null;

async function loadOptions() {
  const r = await api('/feedback/options');
  options = r.ok ? await json(r) : { categories: [], fields: [], limits: {} };
  fillSelect($('fb-category'), options.categories);
  fillSelect($('fb-field'), options.fields);
  const l = options.limits || {};
  $('fb-files-hint').textContent = t('filesHint', { n: l.attachmentsMax, mb: Math.round((l.attachmentMaxBytes || 0) / 1048576),
    types: (l.attachmentTypes || []).join(' ') });
  $('fb-files').accept = (l.attachmentTypes || []).join(',');
  counter();
}

function fillSelect(select, list) {
  const keep = select.value;
  select.replaceChildren(el('option', { value: '' }, t('staffDecide')),
    ...(list || []).map((o) => el('option', { value: o.code }, name(o))));
  select.value = keep;
}

async function loadProvinces() {
  const r = await api(`/orgunits${query({ level: 'PROVINCE', limit: 100 })}`);
  const page = r.ok ? await json(r) : { items: [] };
  const items = (page.items || []).sort((a, b) => name(a).localeCompare(name(b), 'vi'));
  $('fb-province').replaceChildren(el('option', { value: '' }, t('chooseProvince')),
    ...items.map((u) => el('option', { value: u.code }, name(u))));
}

async function loadCommunes() {
  const province = $('fb-province').value;
  const select = $('fb-commune');
  select.replaceChildren(el('option', { value: '' }, t('wholeProvince')));
  if (!province) return;
  const r = await api(`/orgunits/${encodeURIComponent(province)}/children`);
  const list = r.ok ? await json(r) : [];
  (list || []).sort((a, b) => name(a).localeCompare(name(b), 'vi'))
    .forEach((u) => select.append(el('option', { value: u.code }, name(u))));
}

function senderType() {
  return document.querySelector('input[name=senderType]:checked').value;
}

function showSender() {
  const type = senderType();
  document.querySelectorAll('.person').forEach((n) => { n.hidden = type === 'ANONYMOUS'; });
  document.querySelectorAll('.org').forEach((n) => { n.hidden = type !== 'ORGANISATION'; });
}

function counter() {
  const l = (options && options.limits) || {};
  $('fb-counter').textContent = t('chars', { n: $('fb-content').value.trim().length, max: l.contentMax || 8000,
    min: l.contentMin || 20 });
}

function readFile(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

async function attachments() {
  const files = [...$('fb-files').files];
  const l = options.limits || {};
  if (files.length > (l.attachmentsMax || 5)) throw new Error(t('tooMany', { n: l.attachmentsMax }));
  const out = [];
  for (const f of files) {
    const ext = f.name.includes('.') ? f.name.slice(f.name.lastIndexOf('.')).toLowerCase() : '';
    if (!(l.attachmentTypes || []).includes(ext)) throw new Error(t('badType', { file: f.name }));
    if (f.size > l.attachmentMaxBytes) throw new Error(t('tooBig', { file: f.name, mb: Math.round(l.attachmentMaxBytes / 1048576) }));
    out.push({ name: f.name, contentType: f.type || null, data: await readFile(f) });
  }
  return out;
}

async function submit(event) {
  event.preventDefault();
  const form = $('submit-form');
  const message = $('fb-message');
  const button = $('fb-send');
  showFieldErrors(form, []);
  let files;
  try { files = await attachments(); } catch (e) { say(message, e.message, true); return; }
  const type = senderType();
  const body = {
    senderType: type,
    senderName: type === 'ANONYMOUS' ? null : $('sender-name').value,
    senderEmail: type === 'ANONYMOUS' ? null : $('sender-email').value || null,
    senderPhone: type === 'ANONYMOUS' ? null : $('sender-phone').value || null,
    organisation: type === 'ORGANISATION' ? $('sender-org').value : null,
    title: $('fb-title').value, content: $('fb-content').value,
    orgUnit: $('fb-commune').value || $('fb-province').value || null,
    category: $('fb-category').value || null, field: $('fb-field').value || null, attachments: files
  };
  button.disabled = true;
  say(message, t('sending'));
  const r = await send('POST', '/feedback/items', body);
  button.disabled = false;
  if (r.status === 201) {
    const receipt = await json(r);
    say(message, '');
    $('submitted-code').textContent = receipt.code;
    $('fb-track-link').href = `/feedback/track.html?code=${encodeURIComponent(receipt.code)}`;
    $('fb-done').hidden = false;
    form.reset();
    showSender();
    counter();
    $('fb-done').scrollIntoView();
    return;
  }
  if (r.status === 429) {
    say(message, t('limited', { s: r.headers.get('Retry-After') || 60 }), true);
    return;
  }
  const error = await readError(r);
  say(message, error.message, true);
  showFieldErrors(form, error.details);
}

async function init() {
  await header('submit', () => { loadOptions(); counter(); });
  document.querySelectorAll('input[name=senderType]').forEach((n) => n.addEventListener('change', showSender));
  $('fb-province').addEventListener('change', loadCommunes);
  $('fb-content').addEventListener('input', counter);
  $('submit-form').addEventListener('submit', submit);
  $('fb-copy').addEventListener('click', async () => {
    try { await navigator.clipboard.writeText($('submitted-code').textContent); say($('fb-message'), t('copied')); } catch (e) { /* no clipboard */ }
  });
  await Promise.all([loadOptions(), loadProvinces()]);
  await loadCommunes();
}

init();

import { $, api, el, t, addTexts, name, json, readError, say, fmtDate } from '/ui/kit.js';
import { header, statusBadge } from './fb.js';

addTexts({
  vi: { trackTitle: 'Tra cứu phản ánh', codeLabel: 'Mã theo dõi', look: 'Tra cứu', content: 'Nội dung', answer: 'Trả lời',
    history: 'Lịch sử', place: 'Nơi phản ánh', unit: 'Đơn vị xử lý', received: 'Ngày tiếp nhận', deadline: 'Hạn xử lý',
    rejectReason: 'Lý do từ chối', mergedInto: 'Được gộp vào', notFound: 'Không tìm thấy phản ánh với mã này.' },
  en: { trackTitle: 'Track feedback', codeLabel: 'Tracking code', look: 'Look up', content: 'Content', answer: 'Answer',
    history: 'History', place: 'Concerns', unit: 'Handled by', received: 'Received', deadline: 'Deadline',
    rejectReason: 'Reason for rejection', mergedInto: 'Merged into', notFound: 'No feedback has this code.' }
});

const STEPS = ['RECEIVED', 'CLASSIFIED', 'ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'PUBLISHED'];
let current = null;

function render(item) {
  $('track-result').hidden = false;
  $('track-title').textContent = item.title;
  $('track-status').replaceChildren(statusBadge(item.status));
  $('track-status').dataset.status = item.status;
  $('track-overdue').textContent = item.overdue ? t('overdue') : '';
  const reached = STEPS.indexOf(item.status);
  $('track-steps').replaceChildren(...STEPS.map((s, i) => el('li', { class: reached >= i ? 'done' : '' }, t(s))));
  const facts = [[t('place'), name(item.orgUnit)], [t('unit'), name(item.responsibleUnit) || '—'],
    [t('received'), fmtDate(item.receivedAt)], [t('deadline'), fmtDate(item.deadline)]];
  if (item.rejectReason) facts.push([t('rejectReason'), item.rejectReason]);
  if (item.mergedInto) facts.push([t('mergedInto'), item.mergedInto]);
  $('track-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  $('track-content').textContent = item.content;
  $('track-answer-box').hidden = !item.answer;
  $('track-answer').textContent = item.answer || '';
  $('track-history').replaceChildren(...(item.history || []).map((h) => el('li', {}, `${fmtDate(h.at)} — ${t(h.status)}`)));
}

async function look(code) {
  const message = $('track-message');
  const clean = (code || '').trim().toUpperCase();
  if (!clean) return;
  say(message, t('loading'));
  const r = await api(`/feedback/track/${encodeURIComponent(clean)}`);
  if (r.ok) {
    current = await json(r);
    say(message, '');
    render(current);
    history.replaceState(null, '', `?code=${encodeURIComponent(clean)}`);
  } else {
    $('track-result').hidden = true;
    say(message, r.status === 404 ? t('notFound') : (await readError(r)).message, true);
  }
}

async function init() {
  await header('track', () => { if (current) render(current); });
  $('track-form').addEventListener('submit', (e) => { e.preventDefault(); look($('track-code').value); });
  const code = new URLSearchParams(location.search).get('code');
  if (code) { $('track-code').value = code; look(code); }
}

init();

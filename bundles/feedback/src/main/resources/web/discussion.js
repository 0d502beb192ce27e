import { $, api, el, t, addTexts, name, json, readError, say, send, fmtDate } from '/ui/kit.js';
import { header } from './fb.js';

addTexts({
  vi: { discussionTitle: 'Diễn đàn trao đổi', notifications: 'Thông báo', spaces: 'Không gian', newTopic: 'Chủ đề mới',
    body: 'Nội dung', link: 'Liên kết (số phản ánh FB-… hoặc mã chỉ tiêu)', create: 'Tạo', comment: 'Ý kiến',
    post: 'Gửi ý kiến', reply: 'Trả lời', hide: 'Ẩn', unhide: 'Hiện lại', lock: 'Khóa chủ đề', unlock: 'Mở khóa',
    locked: 'Đã khóa: {r}', hidden: 'Ý kiến đã bị ẩn: {r}', notMember: 'Bạn chưa là thành viên', replyingTo: 'Trả lời ý kiến #{id}',
    askReason: 'Lý do:', MENTION: 'nhắc đến bạn', REPLY: 'trả lời bạn' },
  en: { discussionTitle: 'Discussion space', notifications: 'Notifications', spaces: 'Spaces', newTopic: 'New topic',
    body: 'Text', link: 'Link (feedback id FB-… or indicator code)', create: 'Create', comment: 'Comment',
    post: 'Post', reply: 'Reply', hide: 'Hide', unhide: 'Show again', lock: 'Lock topic', unlock: 'Unlock',
    locked: 'Locked: {r}', hidden: 'Comment hidden: {r}', notMember: 'You are not a member', replyingTo: 'Replying to #{id}',
    askReason: 'Reason:', MENTION: 'mentioned you', REPLY: 'replied to you' }
});

let space = null;
let topic = null;
let parentId = null;

async function problem(r) {
  const e = await readError(r);
  say($('ds-message'), [e.message, ...e.details.map((d) => `${d.field}: ${d.problem}`)].join(' — '), true);
}

async function spaces() {
  const r = await api('/discussion/spaces');
  if (!r.ok) return;
  $('ds-spaces').replaceChildren(...(await json(r)).map((s) => el('li', {}, s.member
    ? el('a', { href: '#', dataset: { space: s.code }, onclick: (e) => { e.preventDefault(); openSpace(s); } }, `${name(s)} (${s.topics})`)
    : `${name(s)} — ${t('notMember')}`)));
}

async function openSpace(s) {
  space = s;
  $('ds-space').hidden = false;
  $('ds-space-name').textContent = name(s);
  const r = await api(`/discussion/spaces/${s.code}/topics?limit=50`);
  if (!r.ok) { problem(r); return; }
  $('ds-topics').replaceChildren(...(await json(r)).items.map((tp) => el('li', {}, el('a', { href: '#', dataset: { topic: tp.id },
    onclick: (e) => { e.preventDefault(); openTopic(tp.id); } }, tp.title), ` — ${tp.author}, ${fmtDate(tp.lastActivity)}, ${tp.comments}${tp.locked ? ' 🔒' : ''}`)));
}

async function openTopic(id) {
  const r = await api(`/discussion/topics/${id}`);
  if (!r.ok) { problem(r); return; }
  topic = await json(r);
  parentId = null;
  $('ds-replying').textContent = '';
  $('ds-topic').hidden = false;
  $('ds-topic-title').textContent = topic.title;
  $('ds-topic-meta').textContent = `${topic.author} · ${fmtDate(topic.createdAt)}${topic.locked ? ` · ${t('locked', { r: topic.lockReason })}` : ''}`;
  $('ds-topic-body').textContent = topic.body;
  $('ds-links').replaceChildren(...topic.links.map((l) => el('li', {}, el('a', { href: l.href }, l.label))));
  $('ds-mod').replaceChildren(...(topic.moderator ? [el('button', { type: 'button', class: 'secondary', onclick: () => {
    if (topic.locked) { moderate(`/discussion/topics/${topic.id}/unlock`, {}); return; }
    const why = prompt(t('askReason')); if (why) moderate(`/discussion/topics/${topic.id}/lock`, { reason: why });
  } }, topic.locked ? t('unlock') : t('lock'))] : []));
  $('ds-comments').replaceChildren(...topic.comments.map((c) => el('div', { class: `comment${c.hidden ? ' hidden-comment' : ''}`,
    style: `margin-left:${c.depth * 1.5}rem`, dataset: { comment: c.id } },
  el('p', { class: 'hint' }, `#${c.id} ${c.author} · ${fmtDate(c.createdAt)}`),
  el('p', { class: 'text-block' }, c.hidden && c.body == null ? t('hidden', { r: c.hiddenReason }) : (c.body || '')),
  topic.locked ? null : el('button', { type: 'button', class: 'secondary', onclick: () => { parentId = c.id; $('ds-replying').textContent = t('replyingTo', { id: c.id }); $('ds-comment').focus(); } }, t('reply')),
  topic.moderator ? el('button', { type: 'button', class: 'secondary', onclick: () => {
    if (c.hidden) { moderate(`/discussion/comments/${c.id}/unhide`, {}); return; }
    const why = prompt(t('askReason')); if (why) moderate(`/discussion/comments/${c.id}/hide`, { reason: why });
  } }, c.hidden ? t('unhide') : t('hide')) : null)));
  $('ds-comment-form').hidden = topic.locked;
}

async function moderate(path, body) {
  const r = await send('POST', path, body);
  if (r.ok) openTopic(topic.id); else problem(r);
}

async function notifications(show) {
  const r = await api('/discussion/notifications');
  if (!r.ok) return;
  const n = await json(r);
  $('ds-unread').textContent = n.unread ? String(n.unread) : '';
  if (!show) return;
  $('ds-notifications').hidden = false;
  $('ds-notifications').replaceChildren(...n.items.map((x) => el('li', {}, el('a', { href: '#', onclick: (e) => { e.preventDefault(); openTopic(x.topicId); } },
    `${x.from} ${t(x.kind)}: ${x.excerpt}`), ` (${fmtDate(x.createdAt)})`)));
  await send('POST', '/discussion/notifications/read', {});
  $('ds-unread').textContent = '';
}

async function init() {
  const me = await header('discussion', () => { spaces(); if (topic) openTopic(topic.id); });
  if (!me) { $('signin-note').hidden = false; return; }
  $('ds-bell').addEventListener('click', () => notifications(true));
  $('ds-new').addEventListener('submit', async (e) => {
    e.preventDefault();
    const key = $('ds-new-link').value.trim();
    const links = key ? [{ type: /^(FB|PA)-/i.test(key) ? 'FEEDBACK' : 'INDICATOR', key }] : [];
    const r = await send('POST', `/discussion/spaces/${space.code}/topics`, { title: $('ds-new-title').value, body: $('ds-new-body').value, links });
    if (r.status === 201) { const tp = await json(r); $('ds-new').reset(); openSpace(space); openTopic(tp.id); } else problem(r);
  });
  $('ds-comment-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await send('POST', `/discussion/topics/${topic.id}/comments`, { body: $('ds-comment').value, parentId });
    if (r.status === 201) { $('ds-comment').value = ''; openTopic(topic.id); } else problem(r);
  });
  await spaces();
  notifications(false);
  setInterval(() => notifications(false), 60000);
}

init();

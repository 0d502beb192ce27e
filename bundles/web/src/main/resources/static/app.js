// The Mekong UI shell: login, language toggle, and the menu that installed plugins contribute.
const texts = {
  vi: {
    tagline: 'Nền tảng số thực hiện Nghị quyết 57', loginTitle: 'Đăng nhập', username: 'Tên đăng nhập',
    password: 'Mật khẩu', login: 'Đăng nhập', logout: 'Đăng xuất', menu: 'Chức năng',
    menuEmpty: 'Chưa có phân hệ nào được cài đặt.', welcome: 'Xin chào',
    welcomeText: 'Chọn một chức năng ở menu bên trái. Các phân hệ được cài đặt sẽ tự xuất hiện tại đây.',
    apiDocs: 'Tài liệu API (OpenAPI)', badLogin: 'Sai tên đăng nhập hoặc mật khẩu.',
    failed: 'Không kết nối được máy chủ.'
  },
  en: {
    tagline: 'Digital platform for Resolution 57', loginTitle: 'Sign in', username: 'Username',
    password: 'Password', login: 'Sign in', logout: 'Sign out', menu: 'Menu',
    menuEmpty: 'No plugin is installed yet.', welcome: 'Welcome',
    welcomeText: 'Pick an entry from the menu. Installed plugins add their pages here.',
    apiDocs: 'API documentation (OpenAPI)', badLogin: 'Wrong username or password.',
    failed: 'Cannot reach the server.'
  }
};

let lang = localStorage.getItem('mekong.lang') || 'vi';
const $ = (id) => document.getElementById(id);

function t(key) { return texts[lang][key] || key; }

function applyTexts() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  $('lang-toggle').textContent = lang === 'vi' ? 'EN' : 'VI';
}

async function api(path, options = {}) {
  const headers = { 'X-Requested-With': 'mekong-ui', Accept: 'application/json', ...(options.headers || {}) };
  const token = sessionStorage.getItem('mekong.token');
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`/api${path}`, { ...options, headers });
  if (response.status === 401 && token) {
    sessionStorage.removeItem('mekong.token');
    show();
  }
  return response;
}

async function login(event) {
  event.preventDefault();
  const error = $('login-error');
  error.hidden = true;
  try {
    const response = await api('/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: $('username').value, password: $('password').value })
    });
    if (!response.ok) {
      error.textContent = response.status === 401 ? t('badLogin') : (await response.json()).message;
      error.hidden = false;
      return;
    }
    const body = await response.json();
    sessionStorage.setItem('mekong.token', body.token);
    $('password').value = '';
    await show();
  } catch (e) {
    error.textContent = t('failed');
    error.hidden = false;
  }
}

async function logout() {
  await api('/auth/logout', { method: 'POST' });
  sessionStorage.removeItem('mekong.token');
  await show();
}

async function renderMenu() {
  const response = await api('/ui/contributions');
  const entries = response.ok ? await response.json() : [];
  const menu = $('menu');
  menu.replaceChildren(...entries.map((entry) => {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = entry.href;
    link.dataset.id = entry.id;
    link.textContent = lang === 'vi' ? entry.labelVi : entry.labelEn;
    item.append(link);
    return item;
  }));
  $('menu-empty').hidden = entries.length > 0;
}

async function show() {
  applyTexts();
  const me = sessionStorage.getItem('mekong.token') ? await api('/me') : null;
  const signedIn = me !== null && me.ok;
  $('login-view').hidden = signedIn;
  $('shell-view').hidden = !signedIn;
  $('logout-button').hidden = !signedIn;
  $('user-name').hidden = !signedIn;
  if (signedIn) {
    const user = await me.json();
    $('user-name').textContent = user.displayName || user.username;
    await renderMenu();
  }
}

$('login-form').addEventListener('submit', login);
$('logout-button').addEventListener('click', logout);
$('lang-toggle').addEventListener('click', () => {
  lang = lang === 'vi' ? 'en' : 'vi';
  localStorage.setItem('mekong.lang', lang);
  show();
});
show();

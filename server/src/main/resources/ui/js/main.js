// Hash router and session. Each page module exports render(container, route) and may return a function that
// stops what the page started (streams, timers) when the user leaves it.
import {api, ApiError, onUnauthorized} from './api.js';
import {h, replace} from './dom.js';
import * as applications from './pages/applications.js';

const pages = {
  applications: () => applications,
  application: () => import('./pages/application.js'),
  clusters: () => import('./pages/clusters.js'),
  repositories: () => import('./pages/repositories.js'),
  projects: () => import('./pages/projects.js'),
  events: () => import('./pages/events.js'),
};

const main = document.getElementById('main');
let leave = null;
let loggedIn = false;
// Whether this page has seen the session confirmed; a 401 before that is a first visit, not an expired session.
let confirmed = false;
let routeCount = 0;

/** #/applications/NAME?x=1 -> {page: 'application', name: 'NAME', params: URLSearchParams} */
export function parseRoute(hash) {
  const [path, search] = (hash.replace(/^#/, '') || '/applications').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(search || '');
  if (parts[0] === 'applications' && parts.length > 1) {
    return {page: 'application', name: parts[1], params};
  }
  return {page: pages[parts[0]] ? parts[0] : 'applications', params};
}

async function route() {
  if (!loggedIn) {
    return;
  }
  const current = ++routeCount;
  if (leave) {
    leave();
    leave = null;
  }
  const target = parseRoute(location.hash);
  for (const link of document.querySelectorAll('[data-nav]')) {
    const active = link.dataset.nav === target.page || (target.page === 'application' && link.dataset.nav === 'applications');
    if (active) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  const module = await pages[target.page]();
  // The session check runs while the module loads: when it has shown the login form, the page must not replace it.
  if (current !== routeCount || !loggedIn) {
    return;
  }
  replace(main);
  leave = module.render(main, target) || null;
}

function showLogin(message) {
  loggedIn = false;
  confirmed = false;
  if (leave) {
    leave();
    leave = null;
  }
  document.getElementById('user').textContent = '';
  document.getElementById('logout').hidden = true;
  const error = h('p', {class: 'error', role: 'alert', 'data-testid': 'login-error', hidden: !message}, message || '');
  const username = h('input', {id: 'username', name: 'username', type: 'text', autocomplete: 'username',
    required: true, autocapitalize: 'none', spellcheck: 'false', 'data-testid': 'login-username'});
  const password = h('input', {id: 'password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true, 'data-testid': 'login-password'});
  const submit = h('button', {type: 'submit', class: 'primary', 'data-testid': 'login-submit'}, 'Log in');
  const sso = h('p', {class: 'sso', hidden: true});
  const form = h('form', {class: 'login', 'data-testid': 'login-form', 'aria-labelledby': 'login-title'},
    h('h1', {id: 'login-title'}, 'Log in to Driftless'),
    h('label', {for: 'username'}, 'User name'),
    username,
    h('label', {for: 'password'}, 'Password'),
    password,
    h('p', {class: 'help'},
      'At first start the service creates the user ', h('code', {}, 'admin'),
      ' and prints its password once. Your session is kept in an HttpOnly cookie, never in the page.'),
    error, submit, sso);
  form.addEventListener('submit', async (submitted) => {
    submitted.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    try {
      await api('/api/session', {method: 'POST', body: {username: username.value.trim(), password: password.value}});
      password.value = '';
      await start();
    } catch (failure) {
      error.textContent = failure instanceof ApiError && failure.status === 401
        ? 'Wrong user name or password. Try again.'
        : failure instanceof ApiError && failure.status === 429
          ? 'Too many failed attempts. Wait a minute, then try again.'
          : failure.message;
      error.hidden = false;
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  api('/api/auth/info').then((info) => {
    if (info && info.oidc) {
      replace(sso, h('a', {href: '/api/auth/oidc/login', 'data-testid': 'login-sso'}, `Log in with ${info.oidcName}`));
      sso.hidden = false;
    }
  }, () => {});
  replace(main, form);
  username.focus();
}

// The page's own requests start together with the session check rather than after it, which saves a round trip
// before the first rows; a 401 from either shows the login form.
async function start() {
  loggedIn = true;
  const page = route();
  try {
    const session = await api('/api/session');
    confirmed = true;
    document.getElementById('user').textContent = `Logged in as ${session.user}`;
    document.getElementById('logout').hidden = false;
    await page;
  } catch (failure) {
    if (loggedIn) {
      showLogin(failure instanceof ApiError && failure.status === 401 ? null : failure.message);
    }
  }
}

onUnauthorized(() => {
  if (loggedIn) {
    showLogin(confirmed ? 'Your session has ended. Log in again.' : null);
  }
});
window.addEventListener('hashchange', route);
document.getElementById('logout').addEventListener('click', async () => {
  try {
    await api('/api/session', {method: 'DELETE'});
  } finally {
    showLogin(null);
  }
});
start();

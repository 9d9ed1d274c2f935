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
  const token = h('input', {id: 'token', name: 'token', type: 'password', autocomplete: 'current-password',
    required: true, 'aria-describedby': 'token-help', 'data-testid': 'login-token'});
  const submit = h('button', {type: 'submit', class: 'primary', 'data-testid': 'login-submit'}, 'Log in');
  const form = h('form', {class: 'login', 'data-testid': 'login-form', 'aria-labelledby': 'login-title'},
    h('h1', {id: 'login-title'}, 'Log in to Driftless'),
    h('label', {for: 'token'}, 'Access token'),
    token,
    h('p', {id: 'token-help', class: 'help'},
      'Paste the admin token. The service writes it to the file ', h('code', {}, 'admin-token'),
      ' in its data directory (by default ', h('code', {}, '~/.driftless/admin-token'),
      ') and prints the path when it starts. The token is kept in an HttpOnly session cookie, never in the page.'),
    error, submit);
  form.addEventListener('submit', async (submitted) => {
    submitted.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    try {
      await api('/api/session', {method: 'POST', body: {token: token.value.trim()}});
      token.value = '';
      await start();
    } catch (failure) {
      error.textContent = failure instanceof ApiError && failure.status === 401
        ? 'That token is not valid. Check the admin-token file and try again.'
        : failure.message;
      error.hidden = false;
      token.focus();
    } finally {
      submit.disabled = false;
    }
  });
  replace(main, form);
  token.focus();
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

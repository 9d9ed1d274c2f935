// Repositories: credentials by URL prefix and repositories applications use, with the last poll's outcome, and a
// write-only form that adds credentials. The list shows a credential's type, never its secret.
import {api, query} from '../api.js';
import {h, replace, pageHeading, ago} from '../dom.js';
import {badge} from '../status.js';
import {table} from './tables.js';
import {field, secretInput, secretTextarea, writeForm, removeButton} from './forms.js';

// The RepositoryInput field each kind of secret is sent in.
const SECRETS = [
  {value: 'password', label: 'Password'},
  {value: 'token', label: 'Token'},
  {value: 'sshPrivateKey', label: 'SSH private key'},
];

export function render(container) {
  const body = h('div', {'data-testid': 'repositories'}, h('p', {class: 'muted'}, 'Loading repositories…'));
  const heading = pageHeading('Repositories');
  const load = () => api('/api/repositories').then((repositories) => replace(body, list(repositories, load)),
    (failure) => replace(body, h('p', {class: 'error', role: 'alert'}, failure.message)));
  replace(container, heading, body, form(load));
  heading.focus();
  load();
}

function list(repositories, reload) {
  return table('repositories', ['Repository', 'Last poll', 'Credentials', 'Origin', 'Applications', 'Actions'],
    repositories.map((repository) => ({
      testid: 'repository-row',
      cells: [
        h('span', {class: 'mono'}, repository.urlPrefix),
        [badge('Last poll', repository.state || 'Unknown'), ' ', repository.lastPolledAt ? ago(repository.lastPolledAt) : null,
          repository.message ? h('div', {class: 'message'}, repository.message) : null],
        repository.type === 'none' || !repository.type ? 'none' : `${repository.type}${repository.username ? ` as ${repository.username}` : ''}`,
        repository.origin,
        repository.applications === undefined ? '' : h('a', {href: `#/applications${query({q: repository.urlPrefix})}`},
          `${repository.applications}`, h('span', {class: 'visually-hidden'}, ` applications from ${repository.urlPrefix}`)),
        // Only credentials added through the API can be removed through it; the others are configuration.
        repository.origin === 'api' ? removeButton({
          testid: 'repository-remove',
          what: `the credentials for ${repository.urlPrefix}`,
          consequence: 'Applications from it are fetched without credentials.',
          remove: () => api(`/api/repositories/${encodeURIComponent(repository.urlPrefix)}`, {method: 'DELETE'}).then(reload),
        }) : '',
      ],
    })), 'No repositories.');
}

function form(reload) {
  const urlPrefix = h('input', {id: 'repo-url', type: 'text', required: true, autocomplete: 'off', spellcheck: 'false',
    autocapitalize: 'none', placeholder: 'https://git.example.com/team/', 'data-testid': 'repo-url'});
  const username = h('input', {id: 'repo-username', type: 'text', autocomplete: 'off', spellcheck: 'false',
    autocapitalize: 'none', 'data-testid': 'repo-username'});
  const kind = h('select', {id: 'repo-secret-kind', 'data-testid': 'repo-secret-kind'},
    SECRETS.map((secret) => h('option', {value: secret.value}, secret.label)));
  const inputs = {
    password: secretInput('repo-password', 'repo-password'),
    token: secretInput('repo-token', 'repo-token'),
    sshPrivateKey: secretTextarea('repo-ssh-key', 'repo-ssh-key'),
  };
  const secretFields = Object.fromEntries(SECRETS.map((secret) => [secret.value,
    field(inputs[secret.value].id, secret.label, inputs[secret.value],
      'Write-only: stored encrypted and never shown again. Leave empty for a repository without credentials.')]));
  // Only the chosen kind of secret is shown and sent, so one request carries at most one secret.
  const showChosen = () => {
    for (const secret of SECRETS) {
      secretFields[secret.value].hidden = secret.value !== kind.value;
      inputs[secret.value].disabled = secret.value !== kind.value;
    }
  };
  kind.addEventListener('change', showChosen);
  showChosen();
  const created = writeForm({
    testid: 'repository-form',
    title: 'Add repository credentials',
    submitLabel: 'Add credentials',
    controls: h('div', {class: 'form-fields'},
      field('repo-url', 'URL prefix', urlPrefix, 'Used for every repository whose URL starts with it.'),
      field('repo-username', 'User name', username, 'Needed with a password.'),
      field('repo-secret-kind', 'Secret', kind),
      SECRETS.map((secret) => secretFields[secret.value])),
    secrets: () => Object.values(inputs),
    send: async () => {
      const prefix = urlPrefix.value.trim();
      const body = {urlPrefix: prefix};
      if (username.value.trim()) {
        body.username = username.value.trim();
      }
      if (inputs[kind.value].value) {
        body[kind.value] = inputs[kind.value].value;
      }
      await api('/api/repositories', {method: 'POST', body});
      reload();
      return `Added credentials for ${prefix}.`;
    },
  });
  // reset() restores the select without a change event.
  created.addEventListener('reset', () => setTimeout(showChosen));
  return created;
}

// Repositories: credentials by URL prefix and repositories applications use, with the last poll's outcome.
import {api, query} from '../api.js';
import {h, replace, pageHeading, ago} from '../dom.js';
import {badge} from '../status.js';
import {table} from './tables.js';

export function render(container) {
  const body = h('div', {'data-testid': 'repositories'}, h('p', {class: 'muted'}, 'Loading repositories…'));
  const heading = pageHeading('Repositories');
  replace(container, heading, body);
  heading.focus();
  api('/api/repositories').then((repositories) => replace(body, table('repositories',
    ['Repository', 'Last poll', 'Credentials', 'Origin', 'Applications'],
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
      ],
    })), 'No repositories.')), (failure) => replace(body, h('p', {class: 'error', role: 'alert'}, failure.message)));
}

// Projects: what each allows (repositories, destinations, cluster-scoped kinds), its roles, how many SOPS keys it
// holds and its applications. Read-only; the API counts the keys and never returns them.
import {api} from '../api.js';
import {h, replace, pageHeading} from '../dom.js';
import {table} from './tables.js';

export function render(container) {
  const body = h('div', {'data-testid': 'projects'}, h('p', {class: 'muted'}, 'Loading projects…'));
  const heading = pageHeading('Projects');
  replace(container, heading, body);
  heading.focus();
  api('/api/projects').then((projects) => replace(body, table('projects',
    ['Name', 'Source repositories', 'Destinations', 'Cluster-scoped kinds', 'Roles', 'SOPS keys', 'Applications'],
    projects.map((project) => ({
      testid: 'project-row',
      cells: [
        [h('strong', {}, project.name), project.origin === 'built_in' ? h('span', {class: 'muted'}, ' (built in)') : null,
          project.description ? h('div', {class: 'message'}, project.description) : null],
        items(project.sourceRepos, (repo) => h('span', {class: 'mono'}, repo), 'none'),
        items(project.destinations, (destination) => h('span', {class: 'mono'},
          `${destination.cluster} / ${destination.namespace}`), 'none'),
        items(project.clusterResourceWhitelist, (kind) => h('span', {class: 'mono'},
          kind.group ? `${kind.group}/${kind.kind}` : kind.kind), 'none'),
        items(project.roles, role),
        sopsKeys(project.sopsKeys || {}),
        items(project.applications, (name) => h('a', {href: `#/applications/${encodeURIComponent(name)}`}, name)),
      ],
    })), 'No projects.')), (failure) => replace(body, h('p', {class: 'error', role: 'alert'}, failure.message)));
}

function items(list, show, empty = 'none') {
  return list && list.length ? h('ul', {class: 'items'}, list.map((item) => h('li', {}, show(item))))
    : h('span', {class: 'muted'}, empty);
}

function role(one) {
  const policies = (one.policies || []).length;
  const groups = one.groups || [];
  return [h('strong', {}, one.name), one.description ? ` – ${one.description}` : '',
    h('div', {class: 'message'}, `${policies} ${policies === 1 ? 'policy' : 'policies'}`,
      groups.length ? `, groups: ${groups.join(', ')}` : '')];
}

function sopsKeys(counts) {
  const age = counts.ageIdentities || 0;
  const pgp = counts.pgpKeys || 0;
  if (age + pgp === 0) {
    return h('span', {class: 'muted'}, 'none');
  }
  return [age ? `${age} age ${age === 1 ? 'identity' : 'identities'}` : null, age && pgp ? ', ' : null,
    pgp ? `${pgp} PGP ${pgp === 1 ? 'key' : 'keys'}` : null];
}

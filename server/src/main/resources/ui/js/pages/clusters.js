// Clusters: connection state, labels and how many applications deploy to each.
import {api, query} from '../api.js';
import {h, replace, pageHeading} from '../dom.js';
import {badge} from '../status.js';
import {labels, table} from './tables.js';

export function render(container) {
  const body = h('div', {'data-testid': 'clusters'}, h('p', {class: 'muted'}, 'Loading clusters…'));
  const heading = pageHeading('Clusters');
  replace(container, heading, body);
  heading.focus();
  api('/api/clusters').then((clusters) => replace(body, table('clusters', ['Name', 'Connection', 'Server', 'Labels', 'Applications'],
    clusters.map((cluster) => ({
      testid: 'cluster-row',
      cells: [
        h('strong', {}, cluster.name, cluster.sandbox ? h('span', {class: 'muted'}, ' (sandbox)') : null),
        [badge('Connection', cluster.connection || 'Unknown'), cluster.message ? h('div', {class: 'message'}, cluster.message) : null],
        h('span', {class: 'mono'}, cluster.server),
        labels(cluster.labels),
        cluster.applications === undefined ? '' : h('a', {href: `#/applications${query({cluster: cluster.name})}`},
          `${cluster.applications}`, h('span', {class: 'visually-hidden'}, ` applications on ${cluster.name}`)),
      ],
    })), 'No clusters.')), (failure) => replace(body, h('p', {class: 'error', role: 'alert'}, failure.message)));
}

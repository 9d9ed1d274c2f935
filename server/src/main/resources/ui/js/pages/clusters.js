// Clusters: connection state, labels and how many applications deploy to each, and a write-only form that adds a
// cluster from a kubeconfig. The kubeconfig is never shown again: the list has the server's address only.
import {api, query} from '../api.js';
import {h, replace, pageHeading} from '../dom.js';
import {badge} from '../status.js';
import {labels, table} from './tables.js';
import {field, secretTextarea, writeForm, removeButton} from './forms.js';

export function render(container) {
  const body = h('div', {'data-testid': 'clusters'}, h('p', {class: 'muted'}, 'Loading clusters…'));
  const heading = pageHeading('Clusters');
  const load = () => api('/api/clusters').then((clusters) => replace(body, list(clusters, load)),
    (failure) => replace(body, h('p', {class: 'error', role: 'alert'}, failure.message)));
  replace(container, heading, body, form(load));
  heading.focus();
  load();
}

function list(clusters, reload) {
  return table('clusters', ['Name', 'Connection', 'Server', 'Labels', 'Applications', 'Actions'],
    clusters.map((cluster) => ({
      testid: 'cluster-row',
      cells: [
        h('strong', {}, cluster.name, cluster.sandbox ? h('span', {class: 'muted'}, ' (sandbox)') : null),
        [badge('Connection', cluster.connection || 'Unknown'), cluster.message ? h('div', {class: 'message'}, cluster.message) : null],
        h('span', {class: 'mono'}, cluster.server),
        labels(cluster.labels),
        cluster.applications === undefined ? '' : h('a', {href: `#/applications${query({cluster: cluster.name})}`},
          `${cluster.applications}`, h('span', {class: 'visually-hidden'}, ` applications on ${cluster.name}`)),
        // Clusters from the configuration and the sandbox cannot be removed through the API.
        cluster.origin === 'api' ? removeButton({
          testid: 'cluster-remove',
          what: `the cluster ${cluster.name}`,
          consequence: 'Its applications stay, but cannot sync until a cluster of that name is added again.',
          remove: () => api(`/api/clusters/${encodeURIComponent(cluster.name)}`, {method: 'DELETE'}).then(reload),
        }) : '',
      ],
    })), 'No clusters.');
}

function form(reload) {
  const name = h('input', {id: 'cluster-name', type: 'text', required: true, autocomplete: 'off', spellcheck: 'false',
    autocapitalize: 'none', 'data-testid': 'cluster-name'});
  const kubeconfig = secretTextarea('cluster-kubeconfig', 'cluster-kubeconfig');
  kubeconfig.required = true;
  const context = h('input', {id: 'cluster-context', type: 'text', autocomplete: 'off', spellcheck: 'false',
    autocapitalize: 'none', 'data-testid': 'cluster-context'});
  return writeForm({
    testid: 'cluster-form',
    title: 'Add cluster',
    submitLabel: 'Add cluster',
    controls: h('div', {class: 'form-fields'},
      field('cluster-name', 'Name', name, 'Applications name it as their destination cluster.'),
      field('cluster-context', 'Context', context, 'Leave empty for the kubeconfig\'s current context.'),
      field('cluster-kubeconfig', 'Kubeconfig', kubeconfig,
        'The kubeconfig file\'s content. Write-only: stored encrypted and never shown again.')),
    secrets: () => [kubeconfig],
    send: async () => {
      const body = {name: name.value.trim(), kubeconfig: kubeconfig.value};
      if (context.value.trim()) {
        body.context = context.value.trim();
      }
      await api('/api/clusters', {method: 'POST', body});
      reload();
      return `Added cluster ${body.name}.`;
    },
  });
}

// The applications list: status chips with counts, search and filters (all answered by the server, paged),
// and rows updated in place from the event stream.
import {api, query, ApiError} from '../api.js';
import {h, replace, ago, shortSha, debounce, throttle, pageHeading, announce} from '../dom.js';
import {badge, icon, statusText} from '../status.js';
import {openStream} from '../stream.js';

const PAGE_SIZE = 50;
const SYNC = ['Synced', 'OutOfSync', 'Unknown'];
const HEALTH = ['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing', 'Unknown'];
const FILTERS = ['q', 'sync', 'health', 'cluster', 'project', 'label'];
let firstRender = true;

export function render(container, route) {
  const filters = Object.fromEntries(FILTERS.map((name) => [name, route.params.get(name) || '']));
  const offset = Math.max(0, parseInt(route.params.get('offset') || '0', 10) || 0);
  const rows = new Map();
  let loaded = null;
  let stopped = false;

  const navigate = (changes) => {
    const next = {...filters, offset: 0, ...changes};
    const text = query(Object.fromEntries(Object.entries(next).filter(([, value]) => value !== 0)));
    location.hash = `#/applications${text}`;
  };

  const heading = pageHeading('Applications');
  const status = h('p', {class: 'status-line', role: 'status', 'data-testid': 'list-status'}, 'Loading applications…');
  const syncChips = h('div', {class: 'chips', role: 'group', 'aria-label': 'Filter by sync status', 'data-testid': 'sync-chips'});
  const healthChips = h('div', {class: 'chips', role: 'group', 'aria-label': 'Filter by health', 'data-testid': 'health-chips'});
  const search = h('input', {id: 'search', type: 'search', value: filters.q, placeholder: 'name, project, cluster, repository, label…',
    'data-testid': 'search', autocomplete: 'off'});
  const cluster = h('select', {id: 'filter-cluster', 'data-testid': 'filter-cluster'},
    h('option', {value: ''}, 'All clusters'),
    filters.cluster ? h('option', {value: filters.cluster, selected: true}, filters.cluster) : null);
  const project = h('input', {id: 'filter-project', type: 'text', value: filters.project, 'data-testid': 'filter-project', autocomplete: 'off'});
  const label = h('input', {id: 'filter-label', type: 'text', value: filters.label, placeholder: 'key=value',
    'data-testid': 'filter-label', autocomplete: 'off', 'aria-describedby': 'label-help'});
  const labelHelp = h('span', {id: 'label-help', class: 'visually-hidden'}, 'A label as key=value');
  const clear = h('button', {type: 'button', class: 'secondary', 'data-testid': 'clear-filters',
    onclick: () => navigate(Object.fromEntries(FILTERS.map((name) => [name, ''])))}, 'Clear filters');
  const controls = h('form', {class: 'filters', role: 'search', 'aria-label': 'Applications',
    onsubmit: (event) => { event.preventDefault(); applyInputs(); }},
  h('div', {class: 'field grow'}, h('label', {for: 'search'}, 'Search'), search),
  h('div', {class: 'field'}, h('label', {for: 'filter-cluster'}, 'Cluster'), cluster),
  h('div', {class: 'field'}, h('label', {for: 'filter-project'}, 'Project'), project),
  h('div', {class: 'field'}, h('label', {for: 'filter-label'}, 'Label'), label, labelHelp),
  h('div', {class: 'field end'}, clear));
  const tbody = h('tbody', {'data-testid': 'app-rows'});
  const table = h('table', {class: 'apps', 'data-testid': 'app-table'},
    h('caption', {class: 'visually-hidden'}, 'Applications; press Enter on a row to open it'),
    h('thead', {}, h('tr', {},
      ['Name', 'Sync', 'Health', 'Revision', 'Cluster', 'Namespace', 'Project', 'Last sync']
        .map((title) => h('th', {scope: 'col'}, title)))),
    tbody);
  const pager = h('nav', {class: 'pager', 'aria-label': 'Pages', 'data-testid': 'pager'});
  const live = h('span', {class: 'live muted', 'data-testid': 'live-state'}, '');

  replace(container, h('div', {class: 'page-head'}, heading, live), syncChips, healthChips, controls, status,
    h('div', {class: 'table-wrap'}, table), pager);
  if (!firstRender) {
    heading.focus();
  }

  function applyInputs() {
    navigate({q: search.value.trim(), project: project.value.trim(), label: label.value.trim(), cluster: cluster.value});
  }
  search.addEventListener('input', debounce(applyInputs, 300));
  cluster.addEventListener('change', applyInputs);
  for (const input of [project, label]) {
    input.addEventListener('change', applyInputs);
  }

  function chips(group, name, values, counts) {
    replace(group, h('span', {class: 'chips-label', 'aria-hidden': 'true'}, name === 'sync' ? 'Sync' : 'Health'),
      values.filter((value) => counts[value] !== undefined || filters[name] === value).map((value) => {
        const pressed = filters[name] === value;
        return h('button', {type: 'button', class: 'chip', 'aria-pressed': String(pressed), 'data-testid': `chip-${name}-${value}`,
          'data-status': value, onclick: () => navigate({[name]: pressed ? '' : value})},
        badge(name === 'sync' ? 'Sync' : 'Health', value),
        h('span', {class: 'count', 'data-testid': `count-${name}-${value}`}, String(counts[value] || 0)));
      }));
  }

  function cells(summary) {
    return [
      h('td', {class: 'name'}, h('a', {href: `#/applications/${encodeURIComponent(summary.name)}`, tabindex: '-1',
        'data-testid': 'app-link'}, summary.name)),
      h('td', {}, badge('Sync', summary.sync, 'row-sync')),
      h('td', {}, badge('Health', summary.health, 'row-health'),
        summary.message && !(summary.sync === 'Synced' && summary.health === 'Healthy') ? h('div', {class: 'message', 'data-testid': 'row-message'}, summary.message) : null),
      h('td', {class: 'mono', title: summary.revision || ''}, shortSha(summary.revision) || h('span', {class: 'muted'}, '—')),
      h('td', {'data-label': 'Cluster'}, summary.cluster),
      h('td', {'data-label': 'Namespace'}, summary.namespace),
      h('td', {'data-label': 'Project'}, summary.project),
      h('td', {'data-label': 'Last sync'}, lastSync(summary)),
    ];
  }

  function lastSync(summary) {
    if (!summary.lastSyncResult && !summary.lastSyncedAt) {
      return h('span', {class: 'muted'}, 'never');
    }
    return h('span', {}, summary.lastSyncResult ? badge('Last sync', summary.lastSyncResult, 'row-last-result') : null,
      ' ', ago(summary.lastSyncedAt));
  }

  function row(summary) {
    const open = () => { location.hash = `#/applications/${encodeURIComponent(summary.name)}`; };
    const tr = h('tr', {tabindex: '0', 'data-testid': 'app-row', 'data-name': summary.name,
      'aria-label': `${summary.name}: ${statusText(summary.sync)}, ${statusText(summary.health)}`,
      onclick: open,
      onkeydown: (event) => {
        if ((event.key === 'Enter' || event.key === ' ') && event.target === tr) {
          event.preventDefault();
          open();
        }
      }}, cells(summary));
    tr.summary = summary;
    return tr;
  }

  function update(summary) {
    const tr = rows.get(summary.name);
    if (!tr) {
      return;
    }
    replace(tr, cells(summary));
    tr.summary = summary;
    tr.setAttribute('aria-label', `${summary.name}: ${statusText(summary.sync)}, ${statusText(summary.health)}`);
    tr.classList.remove('changed');
    void tr.offsetWidth;
    tr.classList.add('changed');
  }

  function showPage(page) {
    loaded = page;
    chips(syncChips, 'sync', SYNC, (page.counts && page.counts.sync) || {});
    chips(healthChips, 'health', HEALTH, (page.counts && page.counts.health) || {});
    rows.clear();
    const built = page.items.map((summary) => {
      const tr = row(summary);
      rows.set(summary.name, tr);
      return tr;
    });
    replace(tbody, built);
    if (page.items.length === 0) {
      replace(tbody, h('tr', {}, h('td', {colspan: '8', class: 'empty', 'data-testid': 'no-apps'},
        FILTERS.some((name) => filters[name]) ? 'No application matches these filters.' : 'No applications yet.')));
    }
    const first = page.total === 0 ? 0 : page.offset + 1;
    const last = page.offset + page.items.length;
    status.textContent = `${first}–${last} of ${page.total.toLocaleString()} applications`;
    const previous = h('button', {type: 'button', class: 'secondary', 'data-testid': 'page-previous', disabled: page.offset === 0,
      onclick: () => navigate({...filters, offset: Math.max(0, page.offset - PAGE_SIZE)})}, 'Previous');
    const next = h('button', {type: 'button', class: 'secondary', 'data-testid': 'page-next', disabled: last >= page.total,
      onclick: () => navigate({...filters, offset: page.offset + PAGE_SIZE})}, 'Next');
    replace(pager, previous, h('span', {class: 'muted'}, `Page ${Math.floor(page.offset / PAGE_SIZE) + 1} of ${Math.max(1, Math.ceil(page.total / PAGE_SIZE))}`), next);
  }

  const params = {...filters, limit: PAGE_SIZE, offset};
  const clustersFilled = fillClusters();
  api(`/api/applications${query(params)}`).then((page) => {
    if (stopped) {
      return;
    }
    showPage(page);
    // Marks for bench/dashboard: rows painted (two frames later), then rows and controls wired.
    requestAnimationFrame(() => requestAnimationFrame(() => {
      performance.mark('driftless:list-rendered');
      clustersFilled.finally(() => performance.mark('driftless:list-interactive'));
    }));
  }, (failure) => {
    status.textContent = '';
    replace(tbody, h('tr', {}, h('td', {colspan: '8', class: 'error', role: 'alert', 'data-testid': 'list-error'},
      failure instanceof ApiError ? failure.message : String(failure))));
  });
  firstRender = false;

  async function fillClusters() {
    try {
      const clusters = await api('/api/clusters');
      replace(cluster, h('option', {value: ''}, 'All clusters'),
        clusters.map((one) => h('option', {value: one.name, selected: one.name === filters.cluster}, one.name)));
    } catch {
      // The filter still works by typing the URL; the list itself is what matters here.
    }
  }

  const refreshCounts = throttle(async () => {
    try {
      const page = await api(`/api/applications${query({...filters, limit: 1, offset: 0})}`);
      if (!stopped && loaded) {
        loaded.counts = page.counts;
        loaded.total = page.total;
        chips(syncChips, 'sync', SYNC, (page.counts && page.counts.sync) || {});
        chips(healthChips, 'health', HEALTH, (page.counts && page.counts.health) || {});
      }
    } catch {
      // Counts stay as they were; the next change tries again.
    }
  }, 2000);

  const close = openStream({
    onApplication: (summary) => {
      update(summary);
      refreshCounts();
    },
    onDeleted: ({name}) => {
      const tr = rows.get(name);
      if (tr) {
        tr.classList.add('deleted');
        replace(tr, h('td', {colspan: '8'}, icon('absent'), ` ${name} was deleted`));
        rows.delete(name);
        announce(`${name} was deleted`);
      }
      refreshCounts();
    },
    onState: (state) => {
      live.textContent = state === 'live' ? 'Live' : 'Reconnecting to live updates…';
      live.dataset.state = state;
    },
  });
  return () => {
    stopped = true;
    close();
  };
}

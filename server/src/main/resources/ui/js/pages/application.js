// One application: header, actions (sync, refresh), the resource tree with manifests, the diff per drifted
// resource and the history with rollback. The stream reloads the page's data in place when the application changes.
import {api, ApiError, applicationPath, query} from '../api.js';
import {h, replace, ago, when, shortSha, duration, throttle, pageHeading, announce, hidden} from '../dom.js';
import {badge, icon, statusText} from '../status.js';
import {openStream} from '../stream.js';
import {toYaml} from '../yaml.js';

export function render(container, route) {
  const name = route.name;
  const base = applicationPath(name);
  let stopped = false;
  let current = null;
  let selectedKey = null;
  let selectedNode = null;
  const openHistory = new Set();

  const heading = pageHeading(name, {'data-testid': 'app-name'});
  const header = h('section', {class: 'app-header', 'aria-label': 'Summary', 'data-testid': 'app-header'});
  const feedback = h('div', {class: 'feedback', 'data-testid': 'action-feedback', role: 'status'});
  const syncButton = h('button', {type: 'button', class: 'primary', 'data-testid': 'sync-button', onclick: () => openSync()}, 'Sync…');
  const refreshButton = h('button', {type: 'button', class: 'secondary', 'data-testid': 'refresh-button', onclick: () => refresh()}, 'Refresh');
  const tree = h('div', {class: 'tree-wrap', 'data-testid': 'resource-tree'}, h('p', {class: 'muted'}, 'Loading resources…'));
  const manifest = h('section', {class: 'manifest', 'aria-labelledby': 'manifest-title', 'data-testid': 'manifest-panel'},
    h('h2', {id: 'manifest-title'}, 'Manifest'),
    h('p', {class: 'muted'}, 'Choose “Manifest” on a resource to see its live and desired state.'));
  const diff = h('div', {'data-testid': 'diff-view'}, h('p', {class: 'muted'}, 'Loading the diff…'));
  const historyFeedback = h('div', {class: 'feedback', role: 'status', 'data-testid': 'history-feedback'});
  const history = h('ol', {class: 'timeline', 'data-testid': 'history'});
  const syncDialog = h('dialog', {class: 'dialog', 'aria-labelledby': 'sync-title', 'data-testid': 'sync-dialog'});
  const rollbackDialog = h('dialog', {class: 'dialog', 'aria-labelledby': 'rollback-title', 'data-testid': 'rollback-dialog'});

  replace(container,
    h('p', {class: 'breadcrumb'}, h('a', {href: '#/applications'}, 'Applications'), ' / ', name),
    h('div', {class: 'page-head'}, heading, h('div', {class: 'actions'}, refreshButton, syncButton)),
    feedback, header,
    h('nav', {class: 'jump', 'aria-label': 'Sections of this page'},
      h('a', {href: '#resources-title', onclick: jump}, 'Resources'), ' · ',
      h('a', {href: '#diff-title', onclick: jump}, 'Diff'), ' · ',
      h('a', {href: '#history-title', onclick: jump}, 'History')),
    h('div', {class: 'split'},
      h('section', {class: 'resources', 'aria-labelledby': 'resources-title'}, h('h2', {id: 'resources-title', tabindex: '-1'}, 'Resources'), tree),
      manifest),
    h('section', {'aria-labelledby': 'diff-title', class: 'diff-section'}, h('h2', {id: 'diff-title', tabindex: '-1'}, 'Diff'), diff),
    h('section', {'aria-labelledby': 'history-title'}, h('h2', {id: 'history-title', tabindex: '-1'}, 'History'), historyFeedback, history),
    syncDialog, rollbackDialog);
  heading.focus();

  // Links to ids inside a hash-routed page would change the route; move focus and scroll instead.
  function jump(event) {
    event.preventDefault();
    const target = document.getElementById(event.currentTarget.getAttribute('href').slice(1));
    target.scrollIntoView();
    target.focus();
  }

  function say(element, text, kind) {
    element.className = `feedback ${kind || ''}`;
    element.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    replace(element, text ? [icon(kind === 'error' ? 'fail' : kind === 'ok' ? 'ok' : 'progress'), ' ', text] : []);
  }

  async function load() {
    const [application, treeAnswer, diffAnswer, historyAnswer] = await Promise.allSettled([
      api(base), api(`${base}/tree`), api(`${base}/diff`), api(`${base}/history${query({limit: 50})}`)]);
    if (stopped) {
      return;
    }
    if (application.status === 'rejected') {
      const failure = application.reason;
      replace(header, h('p', {class: 'error', role: 'alert', 'data-testid': 'app-error'},
        failure instanceof ApiError && failure.status === 404 ? `There is no application named “${name}”.` : failure.message));
      return;
    }
    current = application.value;
    keepFocus(() => {
      showHeader(current);
      showTree(treeAnswer, current);
      showDiff(diffAnswer);
      showHistory(historyAnswer, current);
    });
    if (selectedNode) {
      showManifest(selectedNode, false);
    }
  }

  function keepFocus(change) {
    const focused = document.activeElement;
    const key = focused && container.contains(focused) ? focused.dataset.focusKey : null;
    change();
    if (key) {
      const again = container.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
      if (again) {
        again.focus();
      }
    }
  }

  function showHeader(application) {
    const spec = application.definition.spec || {};
    const source = spec.source || {};
    const destination = spec.destination || {};
    const status = application.status || {};
    const automated = spec.syncPolicy && spec.syncPolicy.automated;
    const last = status.lastOperation;
    replace(header,
      h('div', {class: 'badges'}, badge('Sync', status.sync, 'app-sync'), badge('Health', status.health, 'app-health'),
        status.healthMessage ? h('span', {class: 'message', 'data-testid': 'app-health-message'}, status.healthMessage) : null),
      h('dl', {class: 'facts'},
        h('dt', {}, 'Source'), h('dd', {'data-testid': 'app-source'}, h('span', {class: 'mono'}, source.repoURL || ''),
          source.path ? [' path ', h('span', {class: 'mono'}, source.path)] : null,
          source.targetRevision ? [' at ', h('span', {class: 'mono'}, source.targetRevision)] : null),
        h('dt', {}, 'Destination'), h('dd', {'data-testid': 'app-destination'}, `${destination.cluster || ''} / ${destination.namespace || ''}`),
        h('dt', {}, 'Revision'), h('dd', {'data-testid': 'app-revision'},
          status.revision ? h('span', {class: 'mono', title: status.revision}, shortSha(status.revision)) : h('span', {class: 'muted'}, 'not read yet'),
          status.revisionMessage !== undefined ? [' ', h('span', {'data-testid': 'app-commit'},
            `${status.revisionAuthor || 'unknown author'}: `, firstLine(status.revisionMessage))] : null,
          status.revisionTime ? [', committed ', ago(status.revisionTime)] : null),
        h('dt', {}, 'Sync policy'), h('dd', {}, automated ? 'automated' : 'manual',
          status.rollback ? ` (rolled back to ${shortSha(status.rollback.revision)}; automated sync is off until re-enabled)` : ''),
        h('dt', {}, 'Compared'), h('dd', {}, ago(status.reconciledAt)),
        last ? [h('dt', {}, 'Last operation'), h('dd', {'data-testid': 'last-operation'}, badge('Operation', last.phase),
          ' ', operationSummary(last))] : null),
      (status.errors || []).map((error) => h('p', {class: 'error', role: 'alert', 'data-testid': 'app-status-error'}, icon('fail'), ' ', error)),
      status.waiting ? h('p', {class: 'notice', 'data-testid': 'app-waiting'}, icon('paused'), ' Waiting: ', status.waiting) : null);
  }

  function operationSummary(operation) {
    const failed = (operation.resources || []).filter((resource) => resource.action === 'FAILED' || resource.action === 'HOOK_FAILED');
    return [
      `${operation.dryRun ? 'Dry run' : 'Sync'} of ${shortSha(operation.revision)} by ${operation.initiatedBy || 'unknown'}`,
      operation.finishedAt ? [', ', ago(operation.finishedAt)] : ' (running)',
      operation.result ? `: ${operation.result}` : '',
      failed.length ? h('ul', {class: 'failures'}, failed.map((resource) =>
        h('li', {'data-testid': 'failed-resource'}, h('span', {class: 'mono'}, resource.key), ': ', resource.message || 'failed'))) : null,
    ];
  }

  function showTree(answer, application) {
    let nodes;
    if (answer.status === 'fulfilled') {
      nodes = answer.value.nodes || [];
    } else if (answer.reason instanceof ApiError && answer.reason.status === 404) {
      // An older service without /tree: the managed objects alone, flat.
      nodes = (application.status.resources || []).map((resource) => ({...resource, parent: null, managed: true}));
    } else {
      replace(tree, h('p', {class: 'error', role: 'alert'}, answer.reason.message));
      return;
    }
    const children = new Map();
    for (const node of nodes) {
      const parent = node.parent && nodes.some((other) => other.key === node.parent) ? node.parent : null;
      if (!children.has(parent)) {
        children.set(parent, []);
      }
      children.get(parent).push(node);
    }
    const branch = (parent, depth) => {
      const list = (children.get(parent) || []).sort((a, b) => `${a.kind}/${a.name}`.localeCompare(`${b.kind}/${b.name}`));
      return list.length ? h('ul', {class: 'tree', role: depth === 1 ? null : 'group'}, list.map((node) => h('li', {},
        treeRow(node, depth), branch(node.key, depth + 1)))) : null;
    };
    const spec = application.definition.spec || {};
    replace(tree, h('div', {class: 'node root', 'data-testid': 'tree-root'}, h('span', {class: 'kind'}, 'Application'), ' ',
      h('span', {class: 'node-name'}, name), ' ', badge('Sync', application.status.sync), ' ', badge('Health', application.status.health),
      h('span', {class: 'muted'}, ` ${(spec.destination || {}).namespace || ''}`)),
    nodes.length ? branch(null, 1) : h('p', {class: 'muted'}, 'No resources yet.'));
  }

  function treeRow(node, depth) {
    const message = node.healthMessage && node.health !== 'Healthy' ? node.healthMessage : '';
    return h('div', {class: `node${node.key === selectedKey ? ' selected' : ''}`, 'data-testid': 'tree-node', 'data-key': node.key,
      'data-depth': String(depth)},
    h('span', {class: 'kind'}, node.kind), ' ',
    h('span', {class: 'node-name', 'data-testid': 'node-name'}, node.name),
    node.namespace ? h('span', {class: 'muted'}, ` ${node.namespace}`) : null, ' ',
    node.managed ? badge('Sync', node.sync, 'node-sync') : h('span', {class: 'muted small'}, 'owned'), ' ',
    node.health ? badge('Health', node.health, 'node-health') : null,
    message ? h('span', {class: 'message', 'data-testid': 'node-message'}, message) : null,
    h('button', {type: 'button', class: 'link-button', 'data-testid': 'node-manifest', 'data-focus-key': `manifest:${node.key}`,
      onclick: () => showManifest(node)}, 'Manifest', hidden(` of ${node.kind} ${node.name}`)));
  }

  /** Shows a node's manifest; moves focus to it only when the person asked (not on a live reload). */
  async function showManifest(node, focus = true) {
    selectedKey = node.key;
    selectedNode = node;
    for (const row of tree.querySelectorAll('.node.selected')) {
      row.classList.remove('selected');
    }
    const row = tree.querySelector(`[data-key="${CSS.escape(node.key)}"]`);
    if (row) {
      row.classList.add('selected');
    }
    const title = h('h2', {id: 'manifest-title', tabindex: '-1'}, `Manifest: ${node.kind} ${node.name}`);
    if (focus) {
      replace(manifest, title, h('p', {class: 'muted'}, 'Loading…'));
      title.focus();
    }
    try {
      const answer = await api(`${base}/manifest${query({key: node.key})}`);
      replace(manifest, title,
        h('h3', {}, 'Live'), answer.live ? h('pre', {class: 'code', 'data-testid': 'manifest-live', tabindex: '0'}, toYaml(answer.live))
          : h('p', {class: 'muted', 'data-testid': 'manifest-live'}, 'Not in the cluster.'),
        h('h3', {}, 'Desired (from Git)'), answer.desired ? h('pre', {class: 'code', 'data-testid': 'manifest-desired', tabindex: '0'}, toYaml(answer.desired))
          : h('p', {class: 'muted', 'data-testid': 'manifest-desired'}, node.managed ? 'Not in Git: pruning deletes it.' : 'Not in Git: created by its owner in the cluster.'));
    } catch (failure) {
      replace(manifest, title, h('p', {class: 'error', role: 'alert'}, failure.message));
    }
  }

  function showDiff(answer) {
    if (answer.status === 'rejected') {
      replace(diff, h('p', {class: 'error', role: 'alert', 'data-testid': 'diff-error'}, answer.reason.message));
      return;
    }
    const drifted = answer.value.filter((resource) => resource.state !== 'SYNCED');
    if (drifted.length === 0) {
      replace(diff, h('p', {class: 'ok-text', 'data-testid': 'diff-none'}, icon('ok'), ' Everything in the cluster matches Git.'));
      return;
    }
    replace(diff, drifted.map((resource) => h('article', {class: 'diff-resource', 'data-testid': 'diff-resource', 'data-key': resource.key},
      h('h3', {}, h('span', {class: 'mono'}, resource.key), ' ', badge('Sync', resource.state)),
      (resource.fields || []).length ? [h('h4', {}, 'Changed fields'), h('ul', {class: 'fields', 'data-testid': 'diff-fields'},
        resource.fields.map((field) => h('li', {'data-testid': 'diff-field'}, h('span', {class: 'mono path'}, field.path), ': ',
          h('span', {class: 'was'}, hidden('live '), short(field.live)), ' → ', h('span', {class: 'now'}, hidden('in Git '), short(field.desired)),
          field.manager ? h('span', {class: 'muted'}, ` (last written by ${field.manager})`) : null)))] : null,
      resource.unified ? [h('h4', {}, 'Live → desired'), unified(resource.unified)] : null)));
  }

  function short(value) {
    if (value === undefined || value === null) {
      return h('em', {}, 'absent');
    }
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return h('code', {}, text.length > 120 ? `${text.slice(0, 117)}…` : text);
  }

  function unified(text) {
    return h('pre', {class: 'code unified', 'data-testid': 'unified-diff', tabindex: '0', 'aria-label': 'Unified diff; lines starting with minus are live only, plus are in Git only'},
      text.replace(/\n$/, '').split('\n').map((line) => {
        let kind = 'context';
        if (line.startsWith('+++') || line.startsWith('---')) {
          kind = 'file';
        } else if (line.startsWith('@@')) {
          kind = 'hunk';
        } else if (line.startsWith('+')) {
          kind = 'added';
        } else if (line.startsWith('-')) {
          kind = 'removed';
        }
        return h('span', {class: `line ${kind}`, 'data-testid': `diff-line-${kind}`}, `${line}\n`);
      }));
  }

  function showHistory(answer, application) {
    if (answer.status === 'rejected') {
      replace(history, h('li', {class: 'error', role: 'alert'}, answer.reason.message));
      return;
    }
    const operations = answer.value;
    if (operations.length === 0) {
      replace(history, h('li', {class: 'muted'}, 'No operations yet.'));
      return;
    }
    const revisionNow = application.status.revision;
    replace(history, operations.map((operation, index) => {
      const resources = operation.resources || [];
      const failed = resources.filter((resource) => resource.action === 'FAILED' || resource.action === 'HOOK_FAILED');
      const took = operation.durationMs ?? (operation.finishedAt ? new Date(operation.finishedAt) - new Date(operation.startedAt) : null);
      const details = h('details', {open: openHistory.has(operation.id) || failed.length > 0,
        ontoggle: (event) => event.target.open ? openHistory.add(operation.id) : openHistory.delete(operation.id)},
      h('summary', {'data-focus-key': `history:${operation.id}`}, `${resources.length} resource${resources.length === 1 ? '' : 's'}`),
      h('table', {class: 'outcomes', 'data-testid': 'history-resources'},
        h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Resource'), h('th', {scope: 'col'}, 'Outcome'), h('th', {scope: 'col'}, 'Message'))),
        h('tbody', {}, resources.map((resource) => h('tr', {class: resource.action.includes('FAILED') ? 'failed' : ''},
          h('td', {class: 'mono'}, resource.key), h('td', {}, resource.action.includes('FAILED') ? [icon('fail'), ' '] : null, resource.action.toLowerCase().replace('_', ' ')),
          h('td', {}, resource.message || ''))))));
      const canRollBack = index > 0 && operation.phase === 'SUCCEEDED' && !operation.dryRun && operation.revision !== revisionNow;
      return h('li', {class: 'entry', 'data-testid': 'history-entry', 'data-id': String(operation.id), 'data-revision': operation.revision},
        h('div', {class: 'entry-head'}, badge('Result', operation.phase, 'history-phase'), ' ',
          h('span', {class: 'mono', title: operation.revision}, shortSha(operation.revision)), ' ',
          h('span', {class: 'commit'}, operation.author ? `${operation.author}: ` : '', firstLine(operation.message))),
        h('p', {class: 'muted small'}, `${operation.dryRun ? 'Dry run' : 'Sync'} by ${operation.initiatedBy || 'unknown'}, `,
          h('time', {datetime: operation.startedAt}, when(operation.startedAt)),
          took !== null ? `, took ${duration(took)}` : ', running', operation.prune ? ', with prune' : ''),
        operation.result ? h('p', {class: failed.length ? 'error' : '', 'data-testid': 'history-result'}, operation.result) : null,
        details,
        canRollBack ? h('button', {type: 'button', class: 'secondary', 'data-testid': 'rollback', 'data-focus-key': `rollback:${operation.id}`,
          onclick: () => confirmRollback(operation)}, `Roll back to ${shortSha(operation.revision)}`) : null);
    }));
  }

  function firstLine(text) {
    return (text || '').split('\n')[0];
  }

  function openSync() {
    if (!current) {
      return;
    }
    const resources = [...(current.status.resources || [])].sort((a, b) =>
      Number(a.sync === 'SYNCED') - Number(b.sync === 'SYNCED') || a.key.localeCompare(b.key));
    const prune = h('input', {type: 'checkbox', id: 'sync-prune', 'data-testid': 'sync-prune'});
    const dryRun = h('input', {type: 'checkbox', id: 'sync-dry-run', 'data-testid': 'sync-dry-run'});
    const all = h('input', {type: 'checkbox', id: 'sync-all', checked: true, 'data-testid': 'sync-all'});
    const boxes = resources.map((resource, index) => h('input', {type: 'checkbox', id: `sync-resource-${index}`, checked: true,
      value: resource.key, 'data-testid': 'sync-resource'}));
    all.addEventListener('change', () => boxes.forEach((box) => { box.checked = all.checked; }));
    boxes.forEach((box) => box.addEventListener('change', () => {
      all.checked = boxes.every((one) => one.checked);
      all.indeterminate = !all.checked && boxes.some((one) => one.checked);
    }));
    const error = h('div', {class: 'error', role: 'alert', 'data-testid': 'sync-error', hidden: true});
    const submit = h('button', {type: 'submit', class: 'primary', 'data-testid': 'sync-submit'}, 'Sync');
    const cancel = h('button', {type: 'button', class: 'secondary', onclick: () => syncDialog.close()}, 'Cancel');
    const form = h('form', {method: 'dialog'},
      h('h2', {id: 'sync-title'}, `Sync ${name}`),
      h('p', {class: 'muted'}, `Applies ${current.definition.spec.source.targetRevision || 'the target revision'} from Git to ${current.definition.spec.destination.cluster}.`),
      h('fieldset', {}, h('legend', {}, 'Options'),
        h('div', {class: 'check'}, prune, h('label', {for: 'sync-prune'}, 'Prune: delete tracked objects that are no longer in Git')),
        h('div', {class: 'check'}, dryRun, h('label', {for: 'sync-dry-run'}, 'Dry run: show what would change, change nothing'))),
      h('fieldset', {}, h('legend', {}, 'Resources'),
        h('div', {class: 'check'}, all, h('label', {for: 'sync-all'}, 'All resources')),
        h('div', {class: 'resource-list'}, resources.map((resource, index) => h('div', {class: 'check'}, boxes[index],
          h('label', {for: `sync-resource-${index}`}, h('span', {class: 'mono'}, `${resource.kind}/${resource.name}`), ' ', badge('Sync', resource.sync)))))),
      error, h('div', {class: 'dialog-actions'}, cancel, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const chosen = boxes.filter((box) => box.checked).map((box) => box.value);
      if (boxes.length > 0 && chosen.length === 0) {
        error.textContent = 'Choose at least one resource to sync.';
        error.hidden = false;
        return;
      }
      const body = {prune: prune.checked, dryRun: dryRun.checked};
      if (chosen.length < boxes.length) {
        body.resources = chosen;
      }
      submit.disabled = true;
      error.hidden = true;
      try {
        const operation = await api(`${base}/sync`, {method: 'POST', body});
        if (operation.phase === 'FAILED') {
          replace(error, h('p', {}, `The sync failed: ${operation.result || 'see the resources below'}`),
            failures(operation));
          error.hidden = false;
          return;
        }
        syncDialog.close();
        if (operation.phase === 'SUCCEEDED') {
          say(feedback, `${body.dryRun ? 'Dry run' : 'Sync'} of ${shortSha(operation.revision)} succeeded. ${operation.result || ''}`, 'ok');
        } else {
          say(feedback, 'Sync started. The status on this page updates when it ends.', 'progress');
        }
        reload();
      } catch (failure) {
        error.textContent = `The sync could not start. ${failure.message}`;
        error.hidden = false;
      } finally {
        submit.disabled = false;
      }
    });
    replace(syncDialog, form);
    syncDialog.showModal();
    prune.focus();
  }

  function failures(operation) {
    const failed = (operation.resources || []).filter((resource) => resource.action === 'FAILED' || resource.action === 'HOOK_FAILED');
    return failed.length ? h('ul', {class: 'failures'}, failed.map((resource) =>
      h('li', {'data-testid': 'failed-resource'}, h('span', {class: 'mono'}, resource.key), ': ', resource.message || 'failed'))) : null;
  }

  async function refresh() {
    refreshButton.disabled = true;
    try {
      await api(`${base}/refresh`, {method: 'POST'});
      say(feedback, 'Refresh requested: comparing with Git and the cluster now.', 'progress');
      reload();
    } catch (failure) {
      say(feedback, `The refresh could not start. ${failure.message}`, 'error');
    } finally {
      refreshButton.disabled = false;
    }
  }

  function confirmRollback(operation) {
    const submit = h('button', {type: 'submit', class: 'primary', 'data-testid': 'rollback-confirm'}, `Roll back to ${shortSha(operation.revision)}`);
    const error = h('div', {class: 'error', role: 'alert', 'data-testid': 'rollback-error', hidden: true});
    const form = h('form', {method: 'dialog'},
      h('h2', {id: 'rollback-title'}, `Roll back ${name}?`),
      h('p', {}, `This syncs revision ${shortSha(operation.revision)}`, operation.message ? ` (“${firstLine(operation.message)}”)` : '',
        ' again and turns automated sync off until it is re-enabled.'),
      error,
      h('div', {class: 'dialog-actions'}, h('button', {type: 'button', class: 'secondary', onclick: () => rollbackDialog.close()}, 'Cancel'), submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      submit.disabled = true;
      try {
        const result = await api(`${base}/rollback`, {method: 'POST', body: {id: operation.id}});
        if (result.phase === 'FAILED') {
          replace(error, h('p', {}, `The rollback failed: ${result.result || ''}`), failures(result));
          error.hidden = false;
          return;
        }
        rollbackDialog.close();
        say(historyFeedback, result.phase === 'SUCCEEDED' ? `Rolled back to ${shortSha(operation.revision)}.` : `Rollback to ${shortSha(operation.revision)} started.`,
          result.phase === 'SUCCEEDED' ? 'ok' : 'progress');
        announce(historyFeedback.textContent);
        reload();
      } catch (failure) {
        error.textContent = `The rollback could not start. ${failure.message}`;
        error.hidden = false;
      } finally {
        submit.disabled = false;
      }
    });
    replace(rollbackDialog, form);
    rollbackDialog.showModal();
    submit.focus();
  }

  const reload = throttle(() => load().catch((failure) => say(feedback, failure.message, 'error')), 300);
  load().catch((failure) => say(feedback, failure.message, 'error'));
  const close = openStream({
    application: name,
    onApplication: (summary) => {
      if (current && (summary.sync !== current.status.sync || summary.health !== current.status.health)) {
        announce(`${name} is now ${statusText(summary.sync)} and ${statusText(summary.health)}`);
      }
      reload();
    },
    onDeleted: () => say(feedback, `${name} was deleted.`, 'error'),
  });
  return () => {
    stopped = true;
    close();
  };
}

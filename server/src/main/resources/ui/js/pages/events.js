// Audit: who did what, when, from where and with what result, newest first, filtered on the server; new entries arrive
// over the stream. The chain's state comes from /api/audit/verify, checked once per visit.
import {api, query} from '../api.js';
import {h, replace, pageHeading, when, debounce} from '../dom.js';
import {openStream} from '../stream.js';

const PAGE_SIZE = 100;
const RESULTS = [['', 'Any'], ['ok', 'OK'], ['denied', 'Denied'], ['failed', 'Failed']];
const FILTERS = ['actor', 'action', 'application', 'result', 'q'];

/** OK, denied or failed, for the badge's colour; results outside the API's own words keep the neutral tone. */
function tone(result) {
  const kind = result.split(':')[0];
  return {ok: 'tone-ok', denied: 'tone-warn', failed: 'tone-bad'}[kind] || 'tone-neutral';
}

export function render(container, route) {
  const filters = Object.fromEntries(FILTERS.map((name) => [name, route.params.get(name) || '']));
  const offset = Math.max(0, parseInt(route.params.get('offset') || '0', 10) || 0);
  const navigate = (changes) => {
    const next = {...filters, offset: 0, ...changes};
    location.hash = `#/events${query(Object.fromEntries(Object.entries(next).filter(([, value]) => value !== 0 && value !== '')))}`;
  };
  const text = (name, type) => h('input', {id: `audit-${name}`, type, value: filters[name], 'data-testid': `audit-${name}`, autocomplete: 'off'});
  const actor = text('actor', 'text');
  const action = text('action', 'text');
  action.setAttribute('list', 'audit-actions');
  const application = text('application', 'text');
  const search = text('q', 'search');
  const result = h('select', {id: 'audit-result', 'data-testid': 'audit-result'},
    RESULTS.map(([value, label]) => h('option', {value, selected: value === filters.result}, label)));
  const apply = () => navigate({actor: actor.value.trim(), action: action.value.trim(), application: application.value.trim(),
    result: result.value, q: search.value.trim()});
  for (const input of [actor, action, application, result]) {
    input.addEventListener('change', apply);
  }
  search.addEventListener('input', debounce(apply, 300));
  const list = h('tbody', {'data-testid': 'audit-rows'});
  // Suggestions are the actions seen on this page: the service adds new kinds of entries over time.
  const actions = h('datalist', {id: 'audit-actions'});
  const chain = h('p', {class: 'feedback', role: 'status', 'data-testid': 'audit-chain'}, 'Checking the hash chain…');
  const status = h('p', {class: 'status-line', role: 'status', 'data-testid': 'audit-status'}, 'Loading the audit log…');
  const pager = h('nav', {class: 'pager', 'aria-label': 'Pages'});
  const heading = pageHeading('Audit');
  const field = (input, label, grow) => h('div', {class: grow ? 'field grow' : 'field'}, h('label', {for: input.id}, label), input);
  replace(container, heading, chain,
    h('form', {class: 'filters', role: 'search', 'aria-label': 'Audit log', onsubmit: (event) => { event.preventDefault(); apply(); }},
      field(search, 'Search message or actor', true),
      field(actor, 'Actor'),
      h('div', {class: 'field'}, h('label', {for: action.id}, 'Action'), action, actions),
      field(application, 'Application'),
      field(result, 'Result'),
      h('div', {class: 'field end'}, h('button', {type: 'submit', class: 'secondary'}, 'Filter'))),
    status,
    h('div', {class: 'table-wrap'}, h('table', {class: 'plain cards', 'data-testid': 'audit-table'},
      h('caption', {class: 'visually-hidden'}, 'Audit log entries, newest first'),
      h('thead', {}, h('tr', {}, ['Time', 'Actor', 'Action', 'Application', 'From', 'Result', 'Message'].map((title) => h('th', {scope: 'col'}, title)))),
      list)),
    pager);
  heading.focus();

  const row = (entry) => h('tr', {'data-testid': 'audit-row', 'data-action': entry.action, 'data-entry': `${entry.id}`},
    h('td', {'data-label': 'Time'}, h('time', {datetime: entry.time}, when(entry.time))),
    h('td', {'data-label': 'Actor'}, entry.actor),
    h('td', {'data-label': 'Action'}, entry.action),
    h('td', {'data-label': 'Application'}, entry.application ? h('a', {href: `#/applications/${encodeURIComponent(entry.application)}`}, entry.application) : ''),
    h('td', {'data-label': 'From'}, entry.source),
    h('td', {'data-label': 'Result'}, h('span', {class: `badge ${tone(entry.result)}`}, entry.result)),
    h('td', {'data-label': 'Message'}, entry.message));

  api('/api/audit/verify').then((verification) => {
    if (verification.intact) {
      chain.className = 'feedback ok';
      chain.textContent = `Hash chain intact: ${verification.checked.toLocaleString()} entries checked.`;
    } else {
      chain.className = 'feedback error';
      chain.setAttribute('role', 'alert');
      chain.textContent = `Hash chain broken at entry ${verification.broken.entry} (${verification.broken.reason}): ${verification.broken.detail}`;
    }
  }, (failure) => {
    chain.className = 'feedback error';
    chain.textContent = `The hash chain could not be checked: ${failure.message}`;
  });

  api(`/api/audit${query({...filters, limit: PAGE_SIZE, offset})}`).then((page) => {
    replace(list, page.items.map(row));
    replace(actions, [...new Set(page.items.map((entry) => entry.action))].sort().map((value) => h('option', {value})));
    status.textContent = page.items.length
      ? `${offset + 1}–${offset + page.items.length} of ${page.total.toLocaleString()} entries`
      : 'No entries match.';
    replace(pager,
      h('button', {type: 'button', class: 'secondary', disabled: offset === 0, onclick: () => navigate({offset: Math.max(0, offset - PAGE_SIZE)})}, 'Newer'),
      h('button', {type: 'button', class: 'secondary', disabled: offset + page.items.length >= page.total, onclick: () => navigate({offset: offset + PAGE_SIZE})}, 'Older'));
  }, (failure) => {
    status.textContent = '';
    replace(list, h('tr', {}, h('td', {colspan: '7', class: 'error', role: 'alert'}, failure.message)));
  });

  // The same filters as the server's, for entries that arrive while the page is open.
  const matches = (entry) => (!filters.application || entry.application === filters.application)
    && (!filters.actor || entry.actor === filters.actor)
    && (!filters.action || entry.action === filters.action)
    && (!filters.result || entry.result === filters.result || entry.result.startsWith(`${filters.result}:`))
    && (!filters.q || `${entry.message} ${entry.actor}`.toLowerCase().includes(filters.q.toLowerCase()));
  return offset > 0 ? null : openStream({
    onEvent: (entry) => {
      if (matches(entry)) {
        const added = row(entry);
        added.classList.add('changed');
        list.prepend(added);
      }
    },
  });
}

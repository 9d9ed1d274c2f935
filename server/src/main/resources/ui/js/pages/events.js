// Events: what the service did and why, newest first, filtered on the server; new ones arrive over the stream.
import {call, query} from '../api.js';
import {h, replace, pageHeading, when, debounce} from '../dom.js';
import {openStream} from '../stream.js';

const PAGE_SIZE = 100;

export function render(container, route) {
  const filters = {application: route.params.get('application') || '', action: route.params.get('action') || '', q: route.params.get('q') || ''};
  const offset = Math.max(0, parseInt(route.params.get('offset') || '0', 10) || 0);
  const navigate = (changes) => {
    const next = {...filters, offset: 0, ...changes};
    location.hash = `#/events${query(Object.fromEntries(Object.entries(next).filter(([, value]) => value !== 0)))}`;
  };
  const application = h('input', {id: 'events-application', type: 'text', value: filters.application, 'data-testid': 'events-application', autocomplete: 'off'});
  const action = h('input', {id: 'events-action', type: 'text', value: filters.action, list: 'event-actions', 'data-testid': 'events-action', autocomplete: 'off'});
  const search = h('input', {id: 'events-q', type: 'search', value: filters.q, 'data-testid': 'events-q', autocomplete: 'off'});
  const apply = () => navigate({application: application.value.trim(), action: action.value.trim(), q: search.value.trim()});
  for (const input of [application, action]) {
    input.addEventListener('change', apply);
  }
  search.addEventListener('input', debounce(apply, 300));
  const list = h('tbody', {'data-testid': 'event-rows'});
  // Suggestions are the actions seen on this page: the service adds new kinds of events over time.
  const actions = h('datalist', {id: 'event-actions'});
  const status = h('p', {class: 'status-line', role: 'status', 'data-testid': 'events-status'}, 'Loading events…');
  const pager = h('nav', {class: 'pager', 'aria-label': 'Pages'});
  const heading = pageHeading('Events');
  replace(container, heading,
    h('form', {class: 'filters', role: 'search', 'aria-label': 'Events', onsubmit: (event) => { event.preventDefault(); apply(); }},
      h('div', {class: 'field grow'}, h('label', {for: 'events-q'}, 'Search message or actor'), search),
      h('div', {class: 'field'}, h('label', {for: 'events-application'}, 'Application'), application),
      h('div', {class: 'field'}, h('label', {for: 'events-action'}, 'Action'), action,
        actions),
      h('div', {class: 'field end'}, h('button', {type: 'submit', class: 'secondary'}, 'Filter'))),
    status,
    h('div', {class: 'table-wrap'}, h('table', {class: 'plain cards', 'data-testid': 'events-table'},
      h('thead', {}, h('tr', {}, ['Time', 'Action', 'Application', 'Actor', 'Message'].map((title) => h('th', {scope: 'col'}, title)))),
      list)),
    pager);
  heading.focus();

  const row = (event) => h('tr', {'data-testid': 'event-row', 'data-action': event.action},
    h('td', {'data-label': 'Time'}, h('time', {datetime: event.time}, when(event.time))),
    h('td', {'data-label': 'Action'}, event.action),
    h('td', {'data-label': 'Application'}, event.application ? h('a', {href: `#/applications/${encodeURIComponent(event.application)}`}, event.application) : ''),
    h('td', {'data-label': 'Actor'}, event.actor),
    h('td', {'data-label': 'Message'}, event.message));

  call(`/api/events${query({...filters, limit: PAGE_SIZE, offset})}`).then(({body, headers}) => {
    const total = parseInt(headers.get('X-Total-Count') || `${body.length}`, 10);
    replace(list, body.map(row));
    replace(actions, [...new Set(body.map((event) => event.action))].sort().map((value) => h('option', {value})));
    status.textContent = body.length ? `${offset + 1}–${offset + body.length} of ${total.toLocaleString()} events` : 'No events match.';
    replace(pager,
      h('button', {type: 'button', class: 'secondary', disabled: offset === 0, onclick: () => navigate({offset: Math.max(0, offset - PAGE_SIZE)})}, 'Newer'),
      h('button', {type: 'button', class: 'secondary', disabled: offset + body.length >= total, onclick: () => navigate({offset: offset + PAGE_SIZE})}, 'Older'));
  }, (failure) => {
    status.textContent = '';
    replace(list, h('tr', {}, h('td', {colspan: '5', class: 'error', role: 'alert'}, failure.message)));
  });

  const matches = (event) => (!filters.application || event.application === filters.application)
    && (!filters.action || event.action === filters.action)
    && (!filters.q || `${event.message} ${event.actor}`.toLowerCase().includes(filters.q.toLowerCase()));
  return offset > 0 ? null : openStream({
    onEvent: (event) => {
      if (matches(event)) {
        const added = row(event);
        added.classList.add('changed');
        list.prepend(added);
      }
    },
  });
}

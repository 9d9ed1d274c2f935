// Plain tables for the smaller pages; on narrow screens CSS lays each row out as a card with the column names.
import {h} from '../dom.js';

export function table(testid, columns, rows, empty) {
  if (rows.length === 0) {
    return h('p', {class: 'muted', 'data-testid': `${testid}-empty`}, empty);
  }
  return h('div', {class: 'table-wrap'}, h('table', {class: 'plain cards', 'data-testid': `${testid}-table`},
    h('thead', {}, h('tr', {}, columns.map((column) => h('th', {scope: 'col'}, column)))),
    h('tbody', {}, rows.map((row) => h('tr', {'data-testid': row.testid},
      row.cells.map((cell, index) => h('td', {'data-label': columns[index]}, cell)))))));
}

export function labels(map) {
  const entries = Object.entries(map || {});
  return entries.length ? h('ul', {class: 'labels'}, entries.map(([key, value]) => h('li', {class: 'label'}, `${key}=${value}`)))
    : h('span', {class: 'muted'}, 'none');
}

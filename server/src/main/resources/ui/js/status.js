// Status badges: always the status as text beside an icon whose shape differs per meaning, so colour is never
// the only signal (WCAG 1.4.1).
import {h} from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

// Shapes on a 16x16 grid: tick for good, triangle for attention, cross for failure, ring for in progress,
// bars for paused, dashed circle for absent, question mark for unknown.
const SHAPES = {
  ok: 'M3 8.5l3.2 3.2L13 4.8',
  warn: 'M8 2L14.5 13.5H1.5Z M8 6.5v3.5 M8 11.6v.4',
  fail: 'M4 4l8 8 M12 4l-8 8',
  progress: 'M8 2a6 6 0 1 1-6 6',
  paused: 'M5.5 3.5v9 M10.5 3.5v9',
  absent: 'M8 2a6 6 0 1 1 0 12a6 6 0 1 1 0-12',
  unknown: 'M5.8 6a2.3 2.3 0 1 1 3.2 2.1c-.6.3-1 .8-1 1.5v.6 M8 12.3v.4',
  extra: 'M3 8h10 M8 3v10',
};

const TONES = {
  Synced: ['ok', 'ok', 'Synced'],
  OutOfSync: ['warn', 'warn', 'Out of sync'],
  Unknown: ['unknown', 'neutral', 'Unknown'],
  Healthy: ['ok', 'ok', 'Healthy'],
  Progressing: ['progress', 'info', 'Progressing'],
  Degraded: ['fail', 'bad', 'Degraded'],
  Suspended: ['paused', 'neutral', 'Suspended'],
  Missing: ['absent', 'missing', 'Missing'],
  SYNCED: ['ok', 'ok', 'Synced'],
  OUT_OF_SYNC: ['warn', 'warn', 'Out of sync'],
  MISSING: ['absent', 'missing', 'Missing'],
  EXTRANEOUS: ['extra', 'warn', 'Extraneous'],
  SUCCEEDED: ['ok', 'ok', 'Succeeded'],
  FAILED: ['fail', 'bad', 'Failed'],
  RUNNING: ['progress', 'info', 'Running'],
  Connected: ['ok', 'ok', 'Connected'],
  Failed: ['fail', 'bad', 'Failed'],
  OK: ['ok', 'ok', 'OK'],
};

export function icon(shape) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'icon');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', SHAPES[shape] || SHAPES.unknown);
  svg.append(path);
  return svg;
}

/** The words a status is shown with, e.g. OUT_OF_SYNC -> "Out of sync". */
export function statusText(value) {
  return (TONES[value] || [null, null, value || 'Unknown'])[2];
}

/**
 * A badge: kind is what the status is about ("Sync", "Health", ...), read out first by screen readers;
 * data-status keeps the raw value for tests and styles.
 */
export function badge(kind, value, testid) {
  const [shape, tone, text] = TONES[value] || ['unknown', 'neutral', value || 'Unknown'];
  return h('span', {class: `badge tone-${tone}`, 'data-status': value || 'Unknown', 'data-testid': testid,
    title: `${kind}: ${text}`},
  icon(shape), h('span', {class: 'visually-hidden'}, `${kind}: `), text);
}

// JSON to YAML for reading manifests. Strings that YAML would read as something else (numbers, booleans, null,
// anything with special characters) are written as JSON strings, which YAML reads back unchanged.

const PLAIN = /^[A-Za-z_/.][A-Za-z0-9_ ./:@-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

function scalar(value) {
  if (value === null || value === undefined) {
    return 'null';
  }
  if (typeof value !== 'string') {
    return String(value);
  }
  return PLAIN.test(value) && !RESERVED.test(value) && !value.endsWith(' ') && !value.includes(': ')
    ? value : JSON.stringify(value);
}

function isEmpty(value) {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

function lines(value, indent, out) {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'object' && item !== null && !isEmpty(item)) {
        const nested = [];
        lines(item, indent + 2, nested);
        out.push(`${pad}- ${nested[0].trimStart()}`, ...nested.slice(1));
      } else {
        out.push(`${pad}- ${isEmpty(item) ? (Array.isArray(item) ? '[]' : '{}') : scalar(item)}`);
      }
    }
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const name = scalar(key);
    if (typeof item === 'object' && item !== null && !isEmpty(item)) {
      out.push(`${pad}${name}:`);
      lines(item, Array.isArray(item) ? indent : indent + 2, out);
    } else if (typeof item === 'string' && item.includes('\n')) {
      out.push(`${pad}${name}: |-`, ...item.split('\n').map((line) => `${pad}  ${line}`));
    } else {
      out.push(`${pad}${name}: ${isEmpty(item) ? (Array.isArray(item) ? '[]' : '{}') : scalar(item)}`);
    }
  }
}

export function toYaml(value) {
  if (typeof value !== 'object' || value === null) {
    return scalar(value);
  }
  const out = [];
  lines(value, 0, out);
  return out.join('\n');
}

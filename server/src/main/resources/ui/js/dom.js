// Builds DOM nodes from data. Text always goes through text nodes, never innerHTML, so nothing the API returns
// (names, messages, manifests) can become markup.

/**
 * h('a', {href: '#/x', class: 'c', onclick: fn, 'data-testid': 't'}, 'text', child, [more])
 * Attribute values of null, undefined or false are left out; true sets an empty attribute.
 */
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      node.className = value;
    } else if (name === 'value' || name === 'checked' || name === 'selected') {
      node[name] = value;
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** Polite screen-reader announcement of something that changed without the user's focus moving. */
export function announce(text) {
  const announcer = document.getElementById('announcer');
  announcer.textContent = '';
  requestAnimationFrame(() => { announcer.textContent = text; });
}

export function shortSha(sha) {
  return sha ? sha.slice(0, 7) : '';
}

export function when(iso) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  return date.toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'medium'});
}

/** "3 min ago" style, with the exact time in a title and a datetime attribute. */
export function ago(iso) {
  if (!iso) {
    return h('span', {class: 'muted'}, 'never');
  }
  const seconds = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  let text;
  if (seconds < 60) {
    text = `${seconds} s ago`;
  } else if (seconds < 3600) {
    text = `${Math.round(seconds / 60)} min ago`;
  } else if (seconds < 86400) {
    text = `${Math.round(seconds / 3600)} h ago`;
  } else {
    text = `${Math.round(seconds / 86400)} d ago`;
  }
  return h('time', {datetime: iso, title: when(iso)}, text);
}

export function duration(ms) {
  if (ms === null || ms === undefined) {
    return '';
  }
  if (ms < 1000) {
    return `${ms} ms`;
  }
  if (ms < 60000) {
    return `${(ms / 1000).toFixed(1)} s`;
  }
  return `${Math.floor(ms / 60000)} min ${Math.round((ms % 60000) / 1000)} s`;
}

/** A label that screen readers read but that is not shown. */
export function hidden(text) {
  return h('span', {class: 'visually-hidden'}, text);
}

/** A page's heading, focused after navigation so keyboard and screen-reader users start at the new content. */
export function pageHeading(text, attrs) {
  return h('h1', {tabindex: '-1', class: 'page-heading', ...attrs}, text);
}

/** Calls fn at most once per wait ms, with the latest arguments, trailing. */
export function throttle(fn, wait) {
  let timer = null;
  let pending = null;
  return (...args) => {
    pending = args;
    if (timer === null) {
      timer = setTimeout(() => {
        timer = null;
        fn(...pending);
      }, wait);
    }
  };
}

export function debounce(fn, wait) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
}

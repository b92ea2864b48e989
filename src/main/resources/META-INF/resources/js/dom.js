// Building the page without HTML strings: every piece of user text becomes a text node.

/**
 * Creates an element. attrs: plain attributes, plus `class`, `dataset` and `style` (objects), `on` (event -> handler),
 * and properties set directly for `value`, `checked`, `disabled`, `selected`.
 * Children: nodes, strings (inserted as text), numbers, arrays, null/false (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'on') {
      for (const [type, handler] of Object.entries(value)) el.addEventListener(type, handler);
    } else if (key === 'style') {
      // CSSOM, not the style attribute: the Content-Security-Policy forbids inline style attributes
      for (const [prop, v] of Object.entries(value)) el.style.setProperty(prop, v);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key === 'value' || key === 'checked' || key === 'disabled' || key === 'selected') {
      el[key] = value;
    } else if (key === 'class') {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Replaces the content of `el` with `children`. */
export function show(el, ...children) {
  clear(el);
  return append(el, children);
}

let announceTimer;
/** Says something to screen-reader users through the page's polite live region. */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  const line = h('p', {}, text);
  region.appendChild(line);
  while (region.childNodes.length > 5) region.removeChild(region.firstChild);
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => clear(region), 15000);
}

/** A message box; kind is info, success, warning or error. Errors are alerts. */
export function notice(kind, text, extra) {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'error' || kind === 'warning' ? 'alert' : 'status' },
    text, extra || null);
}

/** A labelled form field. `input` is an element whose id is set here. */
let fieldCounter = 0;
export function field(label, input, hint) {
  const id = input.id || `f${++fieldCounter}`;
  input.id = id;
  const hintEl = hint ? h('small', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, hintEl);
}

export function link(href, text, attrs = {}) {
  return h('a', { href, ...attrs }, text);
}

export function button(text, onClick, attrs = {}) {
  return h('button', { type: 'button', ...attrs, on: { click: onClick } }, text);
}

/** Reads a form's named controls as an object of trimmed strings (empty strings left out). */
export function formValues(form) {
  const out = {};
  for (const [key, value] of new FormData(form).entries()) {
    const v = typeof value === 'string' ? value.trim() : value;
    if (v !== '') out[key] = v;
  }
  return out;
}

let pending = 0;
/**
 * Marks the page busy while `promise` runs (body[data-busy], a bar at the top of the window: see app.css): a click
 * that waits for the network shows at once that something is happening. Returns the promise.
 */
export function busy(promise) {
  pending += 1;
  document.body.dataset.busy = 'true';
  const done = () => {
    pending -= 1;
    if (pending === 0) delete document.body.dataset.busy;
  };
  promise.then(done, done);
  return promise;
}

/** What to show where a list has nothing yet: a line that says so, as a list item or a paragraph. */
export function empty(text, tag = 'p', attrs = {}) {
  return h(tag, { class: 'empty', ...attrs }, text);
}

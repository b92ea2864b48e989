// Pieces several pages show: problems (with each offending field marked where it is), status badges, an event's days,
// and the error state of a part of a page that could not be loaded. Pages import these; no page imports another page.
import { h, notice, button, show } from './dom.js';
import { ApiError, problemLines, fieldMessage } from './api.js';
import { dayLabel } from './time.js';

/**
 * The problem as a box of readable lines. With the form it came from, each offending field also gets its message
 * right below it, in the field's own words ("First day is required"), and is marked invalid for assistive technology;
 * the box then lists the same sentences, never the API's field names.
 */
export function problemBox(e, form) {
  const fieldErrors = e instanceof ApiError ? e.problem.errors || [] : [];
  if (form) markFields(form, fieldErrors.map((fe) => ({ field: fe.field, text: fieldMessage(fe, labelOf(form, fe.field)) })));
  const lines = problemLines(e, form ? (name) => labelOf(form, name) : undefined);
  return notice('error', lines[0], lines.length > 1 ? h('ul', {}, lines.slice(1).map((l) => h('li', {}, l))) : null);
}

function labelOf(form, name) {
  const el = form.elements?.[name];
  const control = el instanceof RadioNodeList ? el[0] : el;
  const label = control?.labels?.[0]?.textContent?.trim();
  return label ? label.replace(/\s*\(.*\)$/, '') : null;
}

/**
 * One field's problem in words of the page's own (a check made before sending, or a refusal the server names by its
 * code): marked on the field as problemBox marks the API's field errors, and returned as the box to show.
 */
export function fieldProblem(form, name, text) {
  markFields(form, [{ field: name, text }]);
  return notice('error', text);
}

/** Clears earlier marks, then puts each field's message below it (aria-invalid, aria-describedby). */
function markFields(form, errors) {
  for (const old of form.querySelectorAll('.field-error')) old.remove();
  for (const el of form.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    const describedBy = (el.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && !id.endsWith('-error'));
    if (describedBy.length) el.setAttribute('aria-describedby', describedBy.join(' ')); else el.removeAttribute('aria-describedby');
  }
  let first = null;
  for (const fe of errors) {
    const el = form.elements?.[fe.field];
    if (!(el instanceof Element)) continue;
    const id = `${el.id || fe.field}-error`;
    el.setAttribute('aria-invalid', 'true');
    el.setAttribute('aria-describedby', [el.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
    el.closest('.field')?.append(h('p', { class: 'field-error', id }, fe.text));
    first = first || el;
  }
  first?.focus();
}

export function statusBadge(status) {
  return h('span', { class: `badge badge-${String(status).toLowerCase()}` }, String(status).toLowerCase());
}

export function eventDays(ev) {
  const first = dayLabel(ev.firstDay);
  return ev.firstDay === ev.lastDay ? first : `${first} – ${dayLabel(ev.lastDay)}`;
}

/** A part of a page that could not be loaded: says what and why, and offers to try again (never a silent gap). */
export function loadFailed(what, e, retry) {
  const box = notice('error', `${what} could not be loaded: ${problemLines(e)[0]}`,
    retry ? h('p', {}, button('Try again', retry, { class: 'small secondary' })) : null);
  box.classList.add('load-failed');
  return box;
}

/** Runs `load` into `host`; on failure shows the error state there, with a retry that runs it again. */
export async function loadInto(host, what, load) {
  try {
    await load();
  } catch (e) {
    show(host, loadFailed(what, e, () => loadInto(host, what, load)));
  }
}

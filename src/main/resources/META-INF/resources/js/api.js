// Calls to Atrium's REST API with the bearer token; errors come back as RFC 9457 problems.
import { accessToken } from './auth.js';
import { busy } from './dom.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `Request failed (${status})`);
    this.status = status;
    this.problem = problem || {};
    this.code = this.problem.code || `http.${status}`;
  }
}

export async function api(method, path, body, { raw = false, headers = {} } = {}) {
  const token = await accessToken();
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const r = await busy(fetch(path, init));
  if (raw && r.ok) return r;
  if (!r.ok) {
    let problem = null;
    try { problem = await r.json(); } catch { /* not JSON */ }
    throw new ApiError(r.status, problem);
  }
  if (r.status === 204) return null;
  const type = r.headers.get('Content-Type') || '';
  return type.includes('json') ? r.json() : r.text();
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body);
export const put = (path, body) => api('PUT', path, body);
export const del = (path) => api('DELETE', path);

/** A field's name as people read it: "firstDay" -> "First day", "speakers[0].role" -> "Speakers role". */
export function fieldLabel(name) {
  const words = String(name).replace(/\[\d+\]/g, '').split('.').pop().replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A field's problem as a sentence: "First day is required", "Title must be at most 200 characters". */
export function fieldMessage(fe, label = fieldLabel(fe.field)) {
  const m = String(fe.message || '');
  if (/^must not be (null|blank|empty)$/.test(m)) return `${label} is required`;
  const size = m.match(/^size must be between (\d+) and (\d+)$/);
  if (size) return `${label} must be ${size[1] === '0' ? `at most ${size[2]}` : `between ${size[1]} and ${size[2]}`} characters`;
  if (m === 'unknown field') return `${label} is not expected here`;
  if (m === 'wrong type') return `${label} has a value of the wrong kind`;
  return `${label}: ${m}`;
}

/**
 * Turns a problem into readable lines: the detail, then each offending field in people's words (`labelOf` gives a
 * form's own label for a field name), and, for conflicts, what clashes.
 */
export function problemLines(e, labelOf = () => null) {
  if (!(e instanceof ApiError)) return [e.message || String(e)];
  const p = e.problem;
  const lines = [p.code === 'validation.failed' ? 'Some fields need correcting:' : p.detail || p.title || e.message];
  for (const fe of p.errors || []) lines.push(fieldMessage(fe, labelOf(fe.field) || fieldLabel(fe.field)));
  for (const c of p.conflicts || []) {
    if (typeof c === 'string') { lines.push(c); continue; }
    const when = c.localStart ? `${c.localStart.slice(0, 16).replace('T', ' ')}–${(c.localEnd || '').slice(11, 16)}` : c.start;
    const rules = (c.rules || []).map((r) => String(r).toLowerCase().replace(/_/g, ' ')).join(', ');
    lines.push(`Clashes with “${c.title}” (${when})${rules ? `: ${rules}` : ''}`);
  }
  if (p.offsetBefore && p.offsetAfter && p.code === 'time.ambiguous') {
    lines.push(`Give the offset: ${p.localTime}${p.offsetBefore} or ${p.localTime}${p.offsetAfter}`);
  }
  if (p.suggestions?.length) lines.push(`Did you mean: ${p.suggestions.join(', ')}?`);
  return lines;
}

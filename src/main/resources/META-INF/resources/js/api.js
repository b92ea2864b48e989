// Calls to Atrium's REST API with the bearer token; errors come back as RFC 9457 problems.
import { accessToken } from './auth.js';

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
  const r = await fetch(path, init);
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

/** Turns a problem into readable lines: the detail, then each offending field and, for conflicts, what clashes. */
export function problemLines(e) {
  if (!(e instanceof ApiError)) return [e.message || String(e)];
  const p = e.problem;
  const lines = [p.detail || p.title || e.message];
  for (const fe of p.errors || []) lines.push(`${fe.field}: ${fe.message}`);
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

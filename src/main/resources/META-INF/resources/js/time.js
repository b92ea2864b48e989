// Time zones in the browser: the viewer's zone (detected, switchable, remembered), and formatting of instants in it.
// What people type ("GMT+4", "UTC-3:30", "baku") is read by the server (src/docs/time-zones-and-feeds.md), never here:
// the browser only keeps the zone id the server resolved it to, which Intl accepts (an IANA id, or "+04:00").
import { ApiError, get } from './api.js';
import { currentUser } from './auth.js';

const KEY = 'atrium.viewerZone';

export function detectedZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The zone chosen on this browser, else the detected one. */
export function viewerZone() {
  return savedZone() || detectedZone();
}

function savedZone() {
  const saved = localStorage.getItem(KEY);
  return saved && isZone(saved) ? saved : null;
}

/**
 * The zone to show an event's times in, in order: the one chosen on this browser, the zone the signed-in participant
 * registered with for this event (their registration keeps it as typed; the server reads it: "GMT+4" becomes
 * "+04:00", and one it no longer understands is ignored, as the server does), the browser's own.
 */
export async function zoneFor(slug) {
  const saved = savedZone();
  if (saved) return saved;
  if (currentUser()) {
    try {
      const typed = (await get(`/api/events/${encodeURIComponent(slug)}/registration`)).timeZone;
      if (typed) return await resolveZone(typed);
    } catch { /* not registered, or no zone the server or this browser understands: the browser's zone */ }
  }
  return detectedZone();
}

/**
 * Reads a zone as a person wrote it ("GMT+4", "UTC-3:30", "+05:45", "Asia/Baku") through the server, which accepts
 * the same forms everywhere (`GET /api/zones/resolve`: nothing is rendered or kept per spelling); resolves with the
 * zone id to format with, rejects with a {@link ZoneProblem} (its message says why, its suggestions are zones the
 * person may have meant: "baku" suggests Asia/Baku).
 */
export async function resolveZone(input) {
  try {
    const z = await get(`/api/zones/resolve?q=${encodeURIComponent(input)}`);
    if (!z || !isZone(z.id)) throw new ZoneProblem(input, `This browser cannot show times in ${z?.id || input}.`, []);
    return z.id;
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) throw new ZoneProblem(input, e.problem.detail || e.message, e.problem.suggestions || []);
    throw e;
  }
}

export class ZoneProblem extends Error {
  constructor(input, message, suggestions) {
    super(message);
    this.input = input;
    this.suggestions = suggestions;
  }
}

/** Offsets people type, as suggestions next to the zone ids: GMT-12 to GMT+14 and the half and quarter hours in use. */
export function offsetSuggestions() {
  const list = [];
  for (let hour = -12; hour <= 14; hour++) list.push(hour === 0 ? 'GMT' : `GMT${hour > 0 ? '+' : ''}${hour}`);
  list.push('GMT-9:30', 'GMT-3:30', 'GMT+3:30', 'GMT+4:30', 'GMT+5:30', 'GMT+5:45', 'GMT+6:30', 'GMT+8:45', 'GMT+9:30', 'GMT+10:30', 'GMT+12:45', 'GMT+13:45');
  return list;
}

export function rememberZone(zone) {
  localStorage.setItem(KEY, zone);
}

/** Forgets the zone chosen on this browser (a zone just given at registration takes its place). */
export function forgetZone() {
  localStorage.removeItem(KEY);
}

export function isZone(zone) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function allZones() {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
}

const cache = new Map();
function fmt(zone, options) {
  const key = zone + JSON.stringify(options);
  if (!cache.has(key)) cache.set(key, new Intl.DateTimeFormat('en-GB', { timeZone: zone, ...options }));
  return cache.get(key);
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant, zone) {
  const parts = Object.fromEntries(fmt(zone, { year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** 24-hour clock time, e.g. 15:00. */
export function clock(instant, zone) {
  return fmt(zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
}

/** "Wednesday 12 May 2027" for a YYYY-MM-DD date (the date itself, not shifted by any zone). */
export function dayLabel(isoDate) {
  return dateWords(isoDate, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

/** "Wed 12 May" */
export function shortDay(isoDate) {
  return dateWords(isoDate, { weekday: 'short', day: 'numeric', month: 'short' });
}

function dateWords(isoDate, options) {
  const parts = Object.fromEntries(fmt('UTC', options).formatToParts(new Date(`${isoDate}T12:00:00Z`)).map((p) => [p.type, p.value]));
  return [parts.weekday, parts.day, parts.month, parts.year].filter(Boolean).join(' ');
}

/** The zone's offset at an instant, as GMT+4 / GMT+5:30 / GMT. */
export function offsetName(instant, zone) {
  const part = fmt(zone, { timeZoneName: 'shortOffset' }).formatToParts(new Date(instant)).find((p) => p.type === 'timeZoneName');
  return part ? part.value : '';
}

/** "Asia/Baku (GMT+4)"; a fixed offset ("+04:00", which has no name) as "GMT+4". */
export function zoneLabel(zone, instant = Date.now()) {
  if (/^[+-]\d\d:\d\d$/.test(zone)) return offsetName(instant, zone);
  return `${zone} (${offsetName(instant, zone)})`;
}

export function minutesBetween(a, b) {
  return Math.round((new Date(b) - new Date(a)) / 60000);
}

export function duration(a, b) {
  const m = minutesBetween(a, b);
  const hours = Math.floor(m / 60);
  return hours ? `${hours} h${m % 60 ? ` ${m % 60} min` : ''}` : `${m} min`;
}

/**
 * Converts a wall-clock time in a zone to an instant (ISO string with Z). Used only for display hints; the server
 * decides for times it stores (it refuses DST gaps and asks for an offset in overlaps).
 */
export function instantOf(localDateTime, zone) {
  const guess = new Date(`${localDateTime}:00Z`);
  const shown = new Date(`${localDate(guess, zone)}T${clock(guess, zone)}:00Z`);
  return new Date(guess.getTime() - (shown - guess)).toISOString();
}

/** "Wed 12 May 15:00 GMT+4": an instant in full, in a zone (the hover text of relative times). */
export function absolute(instant, zone) {
  return `${shortDay(localDate(instant, zone))} ${clock(instant, zone)} ${offsetName(instant, zone)}`;
}

/** "just now", "2 min ago", "3 h ago", then the day and time: how long ago an instant was, from {@code now}. */
export function ago(instant, zone, now = Date.now()) {
  const minutes = Math.floor((now - new Date(instant)) / 60000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ago`;
  return `${shortDay(localDate(instant, zone))} ${clock(instant, zone)}`;
}

/**
 * A session's span in a zone: "15:00–16:00", or with both days when it ends on another day of that zone's calendar
 * ("Wed 12 May 08:54 – Fri 14 May 20:00").
 */
export function span(start, end, zone) {
  const startDay = localDate(start, zone);
  const endDay = localDate(end, zone);
  if (startDay === endDay) return `${clock(start, zone)}–${clock(end, zone)}`;
  return `${shortDay(startDay)} ${clock(start, zone)} – ${shortDay(endDay)} ${clock(end, zone)}`;
}

/** Whether an instant falls in [start, end). */
export function isBetween(now, start, end) {
  const t = new Date(now).getTime();
  return t >= new Date(start).getTime() && t < new Date(end).getTime();
}

// Time zones in the browser: the viewer's zone (detected, switchable, remembered), and formatting of instants in it.

const KEY = 'atrium.viewerZone';

export function detectedZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The zone chosen on this browser, else the detected one. */
export function viewerZone() {
  const saved = localStorage.getItem(KEY);
  return saved && isZone(saved) ? saved : detectedZone();
}

export function rememberZone(zone) {
  localStorage.setItem(KEY, zone);
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

/** "Asia/Baku (GMT+4)" */
export function zoneLabel(zone, instant = Date.now()) {
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

// The programme in the viewer's zone: grouped by the viewer's calendar day, days that differ from the event's
// calendar marked, filters by day/track/room, starring and the personal calendar feed.
import { h, show, notice, field, button, announce } from '../dom.js';
import { get, api, problemLines } from '../api.js';
import { currentUser } from '../auth.js';
import { allZones, clock, detectedZone, duration, isBetween, localDate, offsetName, offsetSuggestions, rememberZone, resolveZone, shortDay, zoneFor, zoneLabel, dayLabel, ZoneProblem } from '../time.js';
import { problemBox, loadFailed } from '../widgets.js';
import { loadStars, calendarPanel } from './agenda.js';

const main = () => document.getElementById('main');

/** Accepts the schedule in the shapes the API may use and returns flat, sorted sessions plus tracks and rooms. */
export function normaliseSchedule(data) {
  const raw = [];
  if (Array.isArray(data)) raw.push(...data);
  else if (Array.isArray(data?.sessions)) raw.push(...data.sessions);
  else if (Array.isArray(data?.items)) raw.push(...data.items);
  if (Array.isArray(data?.days)) for (const d of data.days) raw.push(...(d.sessions || d.items || []));
  const tracksById = new Map((data?.tracks || []).map((t) => [t.id, t]));
  const roomsById = new Map((data?.rooms || []).map((r) => [r.id, r]));
  const seen = new Set();
  const sessions = [];
  for (const s of raw) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    const track = s.track || tracksById.get(s.trackId) || null;
    const room = s.room || roomsById.get(s.roomId) || null;
    sessions.push({
      id: s.id,
      title: s.title,
      type: s.type || 'TALK',
      summary: s.summary ?? s.abstract ?? s.description ?? null,
      start: s.start?.instant || s.startsAt || s.start,
      end: s.end?.instant || s.endsAt || s.end,
      cancelled: Boolean(s.cancelled),
      language: s.language || null,
      track: track ? { id: track.id, name: track.name, colour: track.colour || track.color || null } : null,
      room: room ? { id: room.id, name: room.name, joinUrl: room.joinUrl || null } : null,
      speakers: (s.speakers || []).map((p) => ({ id: p.speakerId ?? p.speaker?.id ?? null, name: p.name || p.speaker?.name, role: p.role || 'SPEAKER' })),
    });
  }
  sessions.sort((a, b) => new Date(a.start) - new Date(b.start) || String(a.title).localeCompare(b.title));
  const tracks = [...new Map(sessions.filter((s) => s.track).map((s) => [s.track.id, s.track])).values()];
  const rooms = [...new Map(sessions.filter((s) => s.room).map((s) => [s.room.id, s.room])).values()];
  if (data?.tracks) tracks.splice(0, tracks.length, ...data.tracks.map((t) => ({ id: t.id, name: t.name, colour: t.colour })));
  if (data?.rooms) rooms.splice(0, rooms.length, ...data.rooms.map((r) => ({ id: r.id, name: r.name })));
  return { sessions, tracks, rooms };
}

export async function programmePage(slug) {
  const ev = await get(`/api/events/${slug}`);
  let schedule;
  try {
    schedule = normaliseSchedule(await get(`/api/events/${slug}/schedule`));
  } catch (e) {
    show(main(), h('h1', {}, `Programme: ${ev.title}`), problemBox(e));
    return;
  }
  const user = currentUser();
  // the programme shows without the stars, but says that they could not be loaded
  let starsFailed = null;
  const stars = user ? await loadStars(slug).catch((e) => { starsFailed = e; return new Set(); }) : new Set();
  // sessions that open a gallery of the exhibition link to it; without the exhibition the programme still shows
  let galleriesFailed = null;
  const exhibition = await get(`/api/events/${slug}/exhibition`).catch((e) => { galleriesFailed = e; return { galleries: [] }; });
  const galleryOpenedBy = new Map((exhibition.galleries || []).filter((g) => g.openingSession)
    .map((g) => [g.openingSession.id, g]));
  const state = { zone: await zoneFor(slug), day: '', track: '', room: '', starredOnly: false };
  const query = new URLSearchParams(location.hash.split('?')[1] || '');
  const zoneProblem = h('div', { id: 'zone-problem' });
  // a link's zone is read by the server like any typed one; one it does not know is said, and the page goes on
  let askedZone = query.get('zone') || '';
  if (askedZone) {
    try {
      state.zone = await resolveZone(askedZone);
    } catch (e) {
      if (!(e instanceof ZoneProblem)) throw e;
      zoneTrouble(e);
      askedZone = '';
    }
  }

  const results = h('div', { id: 'programme', 'aria-live': 'off' });
  const zoneNow = h('p', { class: 'zone-now', id: 'zone-now' });
  const daySelect = h('select', { id: 'filter-day' });
  const trackSelect = h('select', { id: 'filter-track' },
    h('option', { value: '' }, 'All tracks'), schedule.tracks.map((t) => h('option', { value: String(t.id) }, t.name)));
  const roomSelect = h('select', { id: 'filter-room' },
    h('option', { value: '' }, 'All rooms'), schedule.rooms.map((r) => h('option', { value: String(r.id) }, r.name)));
  const starredOnly = h('input', { type: 'checkbox', id: 'filter-starred' });

  const eventZone = ev.timeZone;
  const localZone = detectedZone();
  // the zone picker takes any form the server reads (GMT+4, UTC-3:30, +05:45, Asia/Baku, a city), with suggestions:
  // the event's and the browser's zones first, then offsets, then every zone id
  const zoneInput = h('input', { id: 'zone-input', name: 'zone', list: 'zone-options', autocomplete: 'off', spellcheck: 'false',
    value: askedZone || state.zone });
  const zoneOptions = h('datalist', { id: 'zone-options' },
    [...new Set([eventZone, localZone, ...offsetSuggestions(), ...allZones()])].map((z) => h('option', { value: z })));
  const zoneForm = h('form', { class: 'zone-form', id: 'zone-form' },
    field('Show times in', zoneInput, 'A zone or city (Asia/Baku, London) or an offset (GMT+4, UTC-3:30, +05:45)'),
    h('button', { type: 'submit', class: 'small', id: 'zone-apply' }, 'Show'), zoneOptions);

  function zoneTrouble(problem) {
    show(zoneProblem, notice('warning', `${problem.message} Times stay in ${zoneLabel(state.zone)}.`,
      problem.suggestions.length ? h('p', { class: 'button-row' }, 'Try: ', problem.suggestions.map((z) => button(z, () => { zoneInput.value = z; applyZone(z); },
        { class: 'small secondary', dataset: { zone: z } }))) : null));
  }

  async function applyZone(input) {
    const text = input.trim();
    if (!text) return;
    try {
      state.zone = await resolveZone(text);
    } catch (e) {
      if (!(e instanceof ZoneProblem)) { show(zoneProblem, problemBox(e)); return; }
      zoneTrouble(e);
      return;
    }
    show(zoneProblem);
    rememberZone(state.zone);
    announce(`Times now shown in ${zoneLabel(state.zone)}`);
    render();
  }

  function render() {
    const firstStart = schedule.sessions[0]?.start || `${ev.firstDay}T12:00:00Z`;
    const lastStart = schedule.sessions.at(-1)?.start || firstStart;
    const o1 = offsetName(firstStart, state.zone);
    const o2 = offsetName(lastStart, state.zone);
    show(zoneNow, 'Times shown in ', h('strong', { id: 'zone-name' }, zoneLabel(state.zone, firstStart)),
      o1 !== o2 ? h('span', { class: 'day-shift' }, `offset changes to ${o2} during the event`) : null,
      state.zone !== eventZone ? [' · event zone ', zoneLabel(eventZone, firstStart)] : ' · the event’s own zone');

    const byDay = new Map();
    for (const s of schedule.sessions) {
      const d = localDate(s.start, state.zone);
      if (!byDay.has(d)) byDay.set(d, []);
      byDay.get(d).push(s);
    }
    const days = [...byDay.keys()].sort();
    if (state.day && !byDay.has(state.day)) state.day = '';
    show(daySelect, h('option', { value: '' }, 'All days'), days.map((d) => h('option', { value: d }, shortDay(d))));
    daySelect.value = state.day;

    const shown = days.filter((d) => !state.day || d === state.day).map((d) => {
      const items = byDay.get(d).filter((s) => (!state.track || String(s.track?.id) === state.track)
        && (!state.room || String(s.room?.id) === state.room)
        && (!state.starredOnly || stars.has(s.id)));
      if (!items.length) return null;
      const eventDates = [...new Set(items.map((s) => localDate(s.start, eventZone)))];
      const differs = eventDates.some((ed) => ed !== d);
      return h('section', { class: 'day', 'aria-labelledby': `day-${d}`, dataset: { date: d } },
        h('h2', { id: `day-${d}` }, dayLabel(d),
          differs ? h('span', { class: 'day-shift', dataset: { eventDates: eventDates.join(',') } },
            `event calendar: ${eventDates.map(shortDay).join(', ')}`) : null),
        h('ol', { class: 'slots' }, items.map((s) => slot(s, d))));
    }).filter(Boolean);
    show(results, shown.length ? shown : h('p', { id: 'no-sessions' }, schedule.sessions.length ? 'No sessions match these filters.' : 'The programme is not published yet.'));
  }

  function slot(s, viewerDay) {
    const eventDay = localDate(s.start, eventZone);
    // the visible word starts the accessible name (speech input users say what they see); the title follows, hidden
    const starText = () => [h('span', { 'aria-hidden': 'true' }, stars.has(s.id) ? '★ ' : '☆ '), stars.has(s.id) ? 'Starred' : 'Star',
      h('span', { class: 'visually-hidden' }, `: ${s.title}`)];
    const starBtn = user ? button(starText(), async () => {
      const starred = stars.has(s.id);
      try {
        await api(starred ? 'DELETE' : 'PUT', `/api/events/${slug}/sessions/${s.id}/star`);
        if (starred) stars.delete(s.id); else stars.add(s.id);
        announce(`${starred ? 'Removed star from' : 'Starred'} ${s.title}`);
        show(starBtn, starText());
        starBtn.setAttribute('aria-pressed', String(stars.has(s.id)));
      } catch (e) {
        starBtn.after(notice('error', problemLines(e)[0]));
      }
    }, { class: 'small star', 'aria-pressed': String(stars.has(s.id)) }) : null;
    const style = s.track?.colour && /^#[0-9a-fA-F]{6}$/.test(s.track.colour) ? { '--track': s.track.colour } : null;
    // a session that ends on another day (of the viewer's calendar) says which
    const endDay = localDate(s.end, state.zone);
    const live = !s.cancelled && isBetween(Date.now(), s.start, s.end);
    return h('li', { class: ['slot', s.cancelled && 'cancelled', live && 'live-now'], style, dataset: { sessionId: String(s.id), start: s.start } },
      h('div', { class: 'when' },
        h('time', { datetime: s.start, class: 'start' }, clock(s.start, state.zone)), '–',
        h('time', { datetime: s.end, class: 'end' }, `${endDay !== viewerDay ? `${shortDay(endDay)} ` : ''}${clock(s.end, state.zone)}`),
        h('small', {}, duration(s.start, s.end)),
        state.zone !== eventZone ? h('small', { class: 'event-time' },
          `${eventDay !== viewerDay ? `${shortDay(eventDay)} ` : ''}${clock(s.start, eventZone)} event time`) : null),
      h('div', {},
        h('h3', {}, h('a', { href: `#/events/${slug}/sessions/${s.id}/about` }, s.title)),
        h('p', { class: 'facts' }, [
          s.type ? s.type.toLowerCase() : null,
          s.room?.name, s.track?.name,
          s.speakers.length ? s.speakers.map((p) => p.name).join(', ') : null,
        ].filter(Boolean).join(' · ')),
        galleryOpenedBy.has(s.id) ? h('p', { class: 'opens-gallery' }, 'Opens the gallery ',
          h('a', { href: `#/events/${slug}/galleries/${galleryOpenedBy.get(s.id).id}` }, galleryOpenedBy.get(s.id).name)) : null,
        s.cancelled ? h('span', { class: 'badge badge-cancelled' }, 'cancelled') : null,
        live ? h('a', { class: 'badge badge-live', href: `#/events/${slug}/sessions/${s.id}`, 'aria-label': `Live now: join ${s.title}` }, 'Live now') : null),
      h('div', {}, starBtn));
  }

  zoneForm.addEventListener('submit', (e) => { e.preventDefault(); applyZone(zoneInput.value); });
  // picking a suggestion from the list applies it at once
  zoneInput.addEventListener('input', (e) => { if (e.inputType === 'insertReplacementText' || !e.inputType) applyZone(zoneInput.value); });
  daySelect.addEventListener('change', () => { state.day = daySelect.value; render(); });
  trackSelect.addEventListener('change', () => { state.track = trackSelect.value; render(); });
  roomSelect.addEventListener('change', () => { state.room = roomSelect.value; render(); });
  starredOnly.addEventListener('change', () => { state.starredOnly = starredOnly.checked; render(); });

  show(main(),
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Events'), ' › ', h('a', { href: `#/events/${slug}` }, ev.title)),
    h('h1', {}, `Programme: ${ev.title}`),
    starsFailed ? loadFailed('Your stars', starsFailed, () => programmePage(slug)) : null,
    galleriesFailed ? loadFailed('The exhibition\'s galleries', galleriesFailed, () => programmePage(slug)) : null,
    h('div', { class: 'zone-bar' }, zoneForm, zoneNow), zoneProblem,
    h('div', { class: 'filters', role: 'group', 'aria-label': 'Filters' },
      field('Day', daySelect), field('Track', trackSelect), field('Room', roomSelect),
      user ? h('div', { class: 'check' }, starredOnly, h('label', { for: 'filter-starred' }, 'Starred only')) : null),
    results,
    user ? calendarPanel(slug) : h('p', { class: 'meta' }, 'Sign in to star sessions and subscribe to your personal calendar.'));
  render();
  // "Live now" follows the clock: the programme is drawn again when a session starts or ends
  const liveNow = () => schedule.sessions.filter((x) => !x.cancelled && isBetween(Date.now(), x.start, x.end)).map((x) => x.id).join(',');
  let wasLive = liveNow();
  const timer = setInterval(() => {
    const now = liveNow();
    if (now !== wasLive && document.contains(results)) render();
    wasLive = now;
  }, 30000);
  return () => clearInterval(timer);
}

// The programme in the viewer's zone: grouped by the viewer's calendar day, days that differ from the event's
// calendar marked, filters by day/track/room, starring and the personal calendar feed.
import { h, show, notice, field, button, announce } from '../dom.js';
import { get, api, problemLines } from '../api.js';
import { currentUser } from '../auth.js';
import { allZones, clock, detectedZone, duration, localDate, offsetName, rememberZone, shortDay, viewerZone, zoneLabel, dayLabel } from '../time.js';
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
      speakers: (s.speakers || []).map((p) => ({ name: p.name || p.speaker?.name, role: p.role || 'SPEAKER' })),
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
  const state = { zone: viewerZone(), day: '', track: '', room: '', starredOnly: false };
  const query = new URLSearchParams(location.hash.split('?')[1] || '');
  if (query.get('zone')) state.zone = query.get('zone');

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
  // offsets named as they are during the event, not today
  const during = schedule.sessions[0]?.start || `${ev.firstDay}T12:00:00Z`;
  const zoneSelect = h('select', { id: 'zone-select', name: 'zone' },
    h('optgroup', { label: 'Pinned' },
      h('option', { value: eventZone }, `Event zone: ${zoneLabel(eventZone, during)}`),
      localZone !== eventZone ? h('option', { value: localZone }, `Your zone: ${zoneLabel(localZone, during)}`) : null),
    h('optgroup', { label: 'All zones' }, allZones().map((z) => h('option', { value: z }, z))));

  function render() {
    zoneSelect.value = state.zone;
    const firstStart = schedule.sessions[0]?.start || `${ev.firstDay}T12:00:00Z`;
    const lastStart = schedule.sessions.at(-1)?.start || firstStart;
    const o1 = offsetName(firstStart, state.zone);
    const o2 = offsetName(lastStart, state.zone);
    show(zoneNow, 'Times shown in ', h('strong', { id: 'zone-name' }, `${state.zone} (${o1})`),
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
    return h('li', { class: ['slot', s.cancelled && 'cancelled'], style, dataset: { sessionId: String(s.id), start: s.start } },
      h('div', { class: 'when' },
        h('time', { datetime: s.start, class: 'start' }, clock(s.start, state.zone)), '–', h('time', { datetime: s.end, class: 'end' }, clock(s.end, state.zone)),
        h('small', {}, duration(s.start, s.end)),
        state.zone !== eventZone ? h('small', { class: 'event-time' },
          `${eventDay !== viewerDay ? `${shortDay(eventDay)} ` : ''}${clock(s.start, eventZone)} event time`) : null),
      h('div', {},
        h('h3', {}, h('a', { href: `#/events/${slug}/sessions/${s.id}` }, s.title)),
        h('p', { class: 'facts' }, [
          s.type ? s.type.toLowerCase() : null,
          s.room?.name, s.track?.name,
          s.speakers.length ? s.speakers.map((p) => p.name).join(', ') : null,
        ].filter(Boolean).join(' · ')),
        s.cancelled ? h('span', { class: 'badge badge-cancelled' }, 'cancelled') : null),
      h('div', {}, starBtn));
  }

  zoneSelect.addEventListener('change', () => {
    state.zone = zoneSelect.value;
    rememberZone(state.zone);
    announce(`Times now shown in ${state.zone}`);
    render();
  });
  daySelect.addEventListener('change', () => { state.day = daySelect.value; render(); });
  trackSelect.addEventListener('change', () => { state.track = trackSelect.value; render(); });
  roomSelect.addEventListener('change', () => { state.room = roomSelect.value; render(); });
  starredOnly.addEventListener('change', () => { state.starredOnly = starredOnly.checked; render(); });

  show(main(),
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Events'), ' › ', h('a', { href: `#/events/${slug}` }, ev.title)),
    h('h1', {}, `Programme: ${ev.title}`),
    starsFailed ? loadFailed('Your stars', starsFailed, () => programmePage(slug)) : null,
    h('div', { class: 'zone-bar' }, field('Show times in', zoneSelect), zoneNow),
    h('div', { class: 'filters', role: 'group', 'aria-label': 'Filters' },
      field('Day', daySelect), field('Track', trackSelect), field('Room', roomSelect),
      user ? h('div', { class: 'check' }, starredOnly, h('label', { for: 'filter-starred' }, 'Starred only')) : null),
    results,
    user ? calendarPanel(slug) : h('p', { class: 'meta' }, 'Sign in to star sessions and subscribe to your personal calendar.'));
  render();
}

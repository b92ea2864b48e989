// Speaker pages (photo, biography, links, their sessions) and a session's detail page on the programme (abstract,
// speakers, track, language, room, add to calendar). Times are shown in the viewer's zone, with the event's beside
// them when it differs, and the end's date whenever it falls on another day.
import { h, show, notice, button, announce } from '../dom.js';
import { get, del } from '../api.js';
import { currentUser } from '../auth.js';
import { clock, localDate, shortDay, viewerZone, zoneLabel, duration } from '../time.js';
import { problemBox, loadFailed } from '../widgets.js';
import { imageLimits, putImage, uploadProblem } from '../upload.js';

const main = () => document.getElementById('main');

/** The event's programme document (GET /schedule), its sessions flattened, and lookups by id. */
async function programme(slug) {
  const doc = await get(`/api/events/${slug}/schedule`);
  const sessions = doc.days.flatMap((d) => d.sessions);
  return {
    doc,
    sessions,
    tracks: new Map(doc.tracks.map((t) => [t.id, t])),
    rooms: new Map(doc.rooms.map((r) => [r.id, r])),
    speakers: new Map(doc.speakers.map((s) => [s.id, s])),
  };
}

/** "Wed 12 May 12:00–13:00", or "Wed 12 May 08:54 – Fri 14 May 20:00" when it ends on another day (in `zone`). */
export function span(start, end, zone) {
  const d1 = localDate(start, zone);
  const d2 = localDate(end, zone);
  return d1 === d2
    ? `${shortDay(d1)} ${clock(start, zone)}–${clock(end, zone)}`
    : `${shortDay(d1)} ${clock(start, zone)} – ${shortDay(d2)} ${clock(end, zone)}`;
}

function languageName(tag) {
  if (!tag) return null;
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) || tag;
  } catch {
    return tag;
  }
}

function initials(name) {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join('');
}

/** A round photo, or the initials when there is none. Decorative: the name is always written beside it. */
export function avatar(speaker, size = 'small') {
  const src = speaker.photo || speaker.photoUrl;
  return src
    ? h('img', { class: `avatar avatar-${size}`, src, alt: '', loading: 'lazy', decoding: 'async' })
    : h('span', { class: `avatar avatar-${size} avatar-initials`, 'aria-hidden': 'true' }, initials(speaker.name));
}

function crumbs(slug, title, ...more) {
  return h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Events'), ' › ', h('a', { href: `#/events/${slug}` }, title),
    more.map((m) => [' › ', m]));
}

function sessionWhen(s, ev, zone) {
  return h('p', { class: 'when-line' },
    h('time', { datetime: s.start, class: 'session-when' }, span(s.start, s.end, zone)),
    h('span', { class: 'meta' }, ` · ${duration(s.start, s.end)} · ${zoneLabel(zone, s.start)}`),
    zone !== ev.timeZone ? h('span', { class: 'meta event-when' }, ` · event time ${span(s.start, s.end, ev.timeZone)} (${ev.timeZone})`) : null);
}

// ---- the speakers of an event -----------------------------------------------------------------------------------

export async function speakersPage(slug) {
  const [ev, p] = await Promise.all([get(`/api/events/${slug}`), programme(slug)]);
  const speakers = [...p.speakers.values()].sort((a, b) => a.name.localeCompare(b.name));
  show(main(),
    crumbs(slug, ev.title),
    h('h1', {}, `Speakers: ${ev.title}`),
    speakers.length
      ? h('ul', { class: 'speaker-grid', id: 'speaker-list' }, speakers.map((s) => h('li', { class: 'speaker-card' },
        avatar(s, 'medium'),
        h('h2', {}, h('a', { href: `#/events/${slug}/speakers/${s.id}` }, s.name)),
        s.affiliation ? h('p', { class: 'meta' }, s.affiliation) : null)))
      : h('p', { class: 'empty-state', id: 'no-speakers' }, 'No speakers are announced yet.'));
}

// ---- one speaker ------------------------------------------------------------------------------------------------

export async function speakerPage(slug, id) {
  const [ev, speaker] = await Promise.all([get(`/api/events/${slug}`), get(`/api/events/${slug}/speakers/${id}`)]);
  // the profile shows without its sessions, but says that they could not be loaded
  let programmeFailed = null;
  const p = await programme(slug).catch((e) => { programmeFailed = e; return null; });
  const zone = viewerZone();
  const theirs = p ? p.sessions.filter((s) => s.speakers.some((r) => r.speakerId === Number(id))) : [];
  const mayEdit = Boolean(currentUser()) && (ev.organiser || speaker.mine);
  const photoHost = h('div', { class: 'speaker-photo', id: 'speaker-photo' });
  const status = h('div', { class: 'form-status', id: 'photo-status' });
  let current = speaker;

  function renderPhoto() {
    const src = current.photo || current.photoUrl;
    const choose = document.getElementById('photo-choose');
    if (choose) choose.textContent = current.photo ? 'Change photo' : 'Upload a photo';
    show(photoHost, src
      ? h('img', { src, alt: `Photo of ${current.name}`, class: 'avatar avatar-large', id: 'speaker-photo-img' })
      : h('span', { class: 'avatar avatar-large avatar-initials', 'aria-hidden': 'true' }, initials(current.name)));
  }

  const editor = mayEdit ? await photoEditor() : null;
  async function photoEditor() {
    const limits = await imageLimits();
    // the file input stays in the page (tests and assistive tools reach it) but the visible control is the button
    const input = h('input', { type: 'file', id: 'photo-file', accept: 'image/png,image/jpeg', class: 'visually-hidden', tabindex: '-1', 'aria-hidden': 'true' });
    input.addEventListener('change', async () => {
      const file = input.files?.[0];
      if (!file) return;
      show(status, h('p', { class: 'meta', role: 'status' }, 'Uploading…'));
      try {
        current = await putImage(`/api/events/${slug}/speakers/${id}/photo`, file);
        renderPhoto();
        show(status, notice('success', 'Photo saved.'));
        announce('Photo saved');
      } catch (e) {
        show(status, notice('error', uploadProblem(e)));
      }
      input.value = '';
    });
    return h('div', { class: 'photo-tools' },
      button(speaker.photo ? 'Change photo' : 'Upload a photo', () => input.click(), { class: 'secondary small', id: 'photo-choose' }),
      input,
      button('Remove photo', async () => {
        try {
          current = await del(`/api/events/${slug}/speakers/${id}/photo`);
          renderPhoto();
          show(status, notice('success', 'Photo removed.'));
        } catch (e) {
          show(status, problemBox(e));
        }
      }, { class: 'small danger', id: 'photo-remove' }),
      h('small', { class: 'hint' }, `PNG or JPEG. Larger pictures are scaled down to ${limits.imageMaxSide} pixels; location and camera data are removed.`),
      status);
  }

  renderPhoto();
  show(main(),
    crumbs(slug, ev.title, h('a', { href: `#/events/${slug}/speakers` }, 'Speakers')),
    h('article', { class: 'speaker-profile' },
      h('header', { class: 'speaker-head' }, photoHost,
        h('div', {},
          h('h1', {}, speaker.name),
          speaker.affiliation || speaker.country
            ? h('p', { class: 'meta', id: 'speaker-affiliation' }, [speaker.affiliation, speaker.country && countryName(speaker.country)].filter(Boolean).join(' · '))
            : null,
          speaker.links?.length ? h('ul', { class: 'speaker-links', id: 'speaker-links' }, speaker.links.map((l) =>
            h('li', {}, h('a', { href: l.url, rel: 'noopener noreferrer nofollow ugc' }, l.label || hostOf(l.url))))) : null,
          editor)),
      speaker.bio ? h('section', { 'aria-labelledby': 'bio-h' }, h('h2', { id: 'bio-h' }, 'About'), h('p', { class: 'description', id: 'speaker-bio' }, speaker.bio)) : null,
      h('section', { 'aria-labelledby': 'talks-h' },
        h('h2', { id: 'talks-h' }, 'Sessions'),
        theirs.length
          ? h('ul', { class: 'session-list', id: 'speaker-sessions' }, theirs.map((s) => h('li', { class: ['session-item', s.cancelled && 'cancelled'] },
            h('a', { href: `#/events/${slug}/sessions/${s.id}/about` }, s.title),
            s.cancelled ? h('span', { class: 'badge badge-cancelled' }, 'cancelled') : null,
            h('p', { class: 'meta' }, h('time', { datetime: s.start }, span(s.start, s.end, zone)),
              p.rooms.get(s.roomId) ? ` · ${p.rooms.get(s.roomId).name}` : ''))))
          : programmeFailed ? loadFailed('Their sessions', programmeFailed, () => speakerPage(slug, id))
            : h('p', { class: 'empty-state', id: 'no-sessions' }, 'No sessions on the programme yet.'),
        theirs.length ? h('p', { class: 'meta' }, `Times in ${zoneLabel(zone, theirs[0].start)}.`) : null)));
}

function countryName(code) {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) || code;
  } catch {
    return code;
  }
}

function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

// ---- one session ------------------------------------------------------------------------------------------------

export async function sessionDetailPage(slug, id) {
  const [ev, p] = await Promise.all([get(`/api/events/${slug}`), programme(slug)]);
  const s = p.sessions.find((x) => x.id === Number(id));
  if (!s) {
    show(main(), crumbs(slug, ev.title), h('h1', {}, 'Session not found'), notice('error', 'This session is not on the programme.'));
    return;
  }
  const zone = viewerZone();
  const track = s.trackId ? p.tracks.get(s.trackId) : null;
  const room = s.roomId ? p.rooms.get(s.roomId) : null;
  const facts = [
    ['Type', s.type ? s.type.charAt(0) + s.type.slice(1).toLowerCase() : null, 'fact-type'],
    ['Track', track ? h('span', { class: 'track-chip', style: /^#[0-9a-fA-F]{6}$/.test(track.colour || '') ? { '--track': track.colour } : null }, track.name) : null, 'fact-track'],
    ['Language', languageName(s.language), 'fact-language'],
    ['Room', room?.name, 'fact-room'],
  ].filter(([, v]) => v);
  show(main(),
    crumbs(slug, ev.title, h('a', { href: `#/events/${slug}/programme` }, 'Programme')),
    h('article', { class: ['session-detail', s.cancelled && 'cancelled'] },
      h('h1', {}, s.title),
      s.cancelled ? notice('warning', 'This session is cancelled.') : null,
      sessionWhen(s, ev, zone),
      h('div', { class: 'button-row session-actions' },
        h('a', { class: 'button', href: `#/events/${slug}/sessions/${s.id}`, id: 'to-live-room' }, 'Live room'),
        h('a', { class: 'button secondary', href: `/api/events/${slug}/sessions/${s.id}/calendar.ics`, download: `session-${s.id}.ics`, id: 'add-to-calendar' }, 'Add to calendar')),
      facts.length ? h('dl', { class: 'facts-list', id: 'session-facts' }, facts.map(([k, v, fid]) => [h('dt', {}, k), h('dd', { id: fid }, v)])) : null,
      s.abstract ? h('section', { 'aria-labelledby': 'abstract-h' }, h('h2', { id: 'abstract-h' }, 'Abstract'), h('p', { class: 'description', id: 'session-abstract' }, s.abstract)) : null,
      s.speakers.length ? h('section', { 'aria-labelledby': 'speakers-h' },
        h('h2', { id: 'speakers-h' }, s.speakers.length === 1 ? 'Speaker' : 'Speakers'),
        h('ul', { class: 'speaker-row', id: 'session-speakers' }, s.speakers.map((r) => {
          const info = p.speakers.get(r.speakerId) || { name: r.name };
          return h('li', {}, avatar(info),
            h('span', {}, h('a', { href: `#/events/${slug}/speakers/${r.speakerId}` }, info.name),
              r.role && r.role !== 'SPEAKER' ? h('small', { class: 'meta' }, ` · ${r.role.toLowerCase()}`) : null,
              info.affiliation ? h('small', { class: 'meta speaker-aff' }, info.affiliation) : null));
        }))) : null));
}

// The stage in the UI (src/docs/stage.md): the session page's player and Join button, and the event's lobby.
import { h, show, announce } from './dom.js';
import { get } from './api.js';
import { currentUser } from './auth.js';
import { clock, localDate, shortDay, offsetName, viewerZone, zoneLabel } from './time.js';

const PROVIDER_NAMES = { HLS: 'Live stream', YOUTUBE: 'YouTube', VIMEO: 'Vimeo', PEERTUBE: 'PeerTube', JITSI: 'Jitsi Meet',
  BIGBLUEBUTTON: 'BigBlueButton', ZOOM: 'Zoom', TEAMS: 'Microsoft Teams', LINK: 'Link' };

/**
 * The session page's stage: the player frame (/stage/{slug}/sessions/{id}: a document of its own with the event's
 * Content-Security-Policy, created once, so the live room's re-renders and reconnects never touch it), or the
 * meeting's Join button with its instructions, and the recording's link. Null when the session has none of these.
 */
export function stageBox(slug, sessionId, stage, title) {
  const s = stage.stream;
  const frame = stage.player ? h('div', { class: 'player-box' },
    h('iframe', { class: 'player-frame', id: 'player-frame', src: `/stage/${slug}/sessions/${sessionId}`, title: `Player: ${title}`,
      allow: 'autoplay; fullscreen; picture-in-picture; encrypted-media; camera; microphone; display-capture', allowfullscreen: true })) : null;
  const meeting = s && s.kind === 'MEETING' && !s.allowEmbed ? h('div', { class: 'meeting', id: 'meeting' },
    s.url ? h('a', { class: 'button', href: s.url, target: '_blank', rel: 'noopener noreferrer', id: 'join-meeting' }, `Join on ${PROVIDER_NAMES[s.provider]}`)
      : h('p', {}, `This session is held on ${PROVIDER_NAMES[s.provider]}; the link is for the event’s participants.`),
    s.instructions ? h('p', { class: 'meta', id: 'meeting-instructions' }, s.instructions) : null) : null;
  const recording = stage.recording ? h('p', { id: 'recording' }, h('a', { href: stage.recording.url, target: '_blank', rel: 'noopener noreferrer' },
    `Watch the recording (${PROVIDER_NAMES[stage.recording.provider]})`)) : null;
  if (!frame && !meeting && !recording) return null;
  return h('section', { class: 'stage', id: 'stage', 'aria-label': 'Stage' }, frame, meeting, recording);
}

/** "4 min", "2 h 5 min", "3 days 4 h": how long until (or since) an instant, rounded up to the minute. */
export function countdown(ms) {
  const minutes = Math.max(0, Math.ceil(ms / 60000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  const hours = Math.floor(minutes / 60) % 24;
  return `${Math.floor(minutes / (24 * 60))} days${hours ? ` ${hours} h` : ''}`;
}

/** "Wed 12 May 15:00 GMT+1" in a zone. */
function at(instant, zone) {
  return `${shortDay(localDate(instant, zone))} ${clock(instant, zone)} ${offsetName(instant, zone)}`;
}

/**
 * The event's lobby: now and next on every stage, with countdowns; before the event a countdown to the opening in the
 * viewer's zone and the event's; after it, the recordings. Loaded from GET /api/events/{slug}/stage and loaded again
 * when the event channel says the schedule or a stage changed (session.changed, stage.changed): no polling. Returns
 * the section and the function that stops it.
 */
export function lobby(slug, ev) {
  const section = h('section', { class: 'panel lobby', id: 'lobby', 'aria-labelledby': 'lobby-h' });
  const status = h('p', { class: 'meta', id: 'lobby-live' });
  let data = null;
  let skew = 0; // the server's clock minus the browser's: countdowns follow the server
  let live = null;
  let stopped = false;
  let reloading = false;
  let lastDue = 0;
  const now = () => Date.now() + skew;
  const zone = viewerZone();

  function slot(kind, s) {
    if (!s) return null;
    const starts = kind === 'next';
    return h('p', { class: `lobby-${kind}`, dataset: { sessionId: String(s.id) } },
      h('span', { class: 'lobby-label' }, starts ? 'Next: ' : 'Now: '),
      h('a', { href: `#/events/${slug}/sessions/${s.id}` }, s.title), ' ',
      h('span', { class: 'meta lobby-time' }, `${starts ? 'at' : 'until'} ${clock(starts ? s.start : s.end, zone)}`), ' ',
      h('span', { class: 'countdown', dataset: { until: starts ? s.start : s.end, words: starts ? 'starts in' : 'ends in' } }));
  }

  function render() {
    if (!data) return;
    const t = now();
    const opens = Date.parse(data.opens);
    const closes = Date.parse(data.closes);
    const parts = [h('h2', { id: 'lobby-h' }, 'Lobby'), status];
    if (t < opens) {
      parts.push(h('p', { class: 'lobby-opening', id: 'lobby-opening' },
        h('span', { class: 'countdown', dataset: { until: data.opens, words: 'Opens in' } }), ': ',
        h('span', { id: 'opening-viewer' }, at(data.opens, zone)), zone === ev.timeZone ? null : [' (your time) · ',
          h('span', { id: 'opening-event' }, `${at(data.opens, ev.timeZone)} in ${ev.timeZone}`)]));
    } else if (t >= closes) {
      parts.push(h('p', { id: 'lobby-ended' }, 'The event has ended. Thank you for coming.'));
    }
    const stages = data.stages.filter((st) => st.now || st.next);
    if (t < closes && stages.length) {
      parts.push(h('ul', { class: 'lobby-stages', id: 'lobby-stages' }, stages.map((st) => h('li', { class: 'card', dataset: { roomId: String(st.roomId) } },
        h('h3', {}, st.room, st.provider ? h('span', { class: 'meta' }, ` · ${PROVIDER_NAMES[st.provider]}`) : null),
        slot('now', st.now), slot('next', st.next)))));
    } else if (t < closes && t >= opens) {
      parts.push(h('p', { id: 'lobby-quiet' }, 'Nothing on stage right now.'));
    }
    if (data.recordings.length) {
      parts.push(h('h3', { id: 'recordings-h' }, 'Recordings'), h('ul', { class: 'lobby-recordings', id: 'lobby-recordings' },
        data.recordings.map((r) => h('li', { dataset: { sessionId: String(r.sessionId) } },
          h('a', { href: r.url, target: '_blank', rel: 'noopener noreferrer' }, r.title), ' ',
          h('span', { class: 'meta' }, [r.room, at(r.start, zone)].filter(Boolean).join(' · '))))));
    }
    show(section, parts);
    tick();
  }

  /** Every countdown on the lobby, from the server's clock; when one runs out, what is now and next has moved on. */
  function tick() {
    const t = now();
    let due = false;
    for (const el of section.querySelectorAll('.countdown')) {
      const left = Date.parse(el.dataset.until) - t;
      if (left <= 0) due = true;
      el.textContent = `${el.dataset.words} ${countdown(left)}`;
    }
    // at most one such reload every 5 s, should the server still list what just ran out
    if (due && !reloading && Date.now() - lastDue > 5000) {
      reloading = true;
      lastDue = Date.now();
      load().catch(() => {}).finally(() => { reloading = false; });
    }
  }

  async function load() {
    const fetched = Date.now();
    const next = await get(`/api/events/${slug}/stage`);
    if (stopped) return;
    skew = Date.parse(next.now) - (fetched + Date.now()) / 2;
    data = next;
    render();
    section.dataset.loaded = String((Number(section.dataset.loaded) || 0) + 1);
  }

  const timer = setInterval(tick, 1000);
  const ready = load().catch((e) => show(section, h('h2', { id: 'lobby-h' }, 'Lobby'), h('p', { class: 'meta' }, `The lobby could not be loaded: ${e.message}`)));

  // live updates on the event channel, for those it admits (participants, speakers, organisers)
  if (currentUser()) {
    import('./live.js').then(({ LiveRoom }) => {
      if (stopped) return;
      live = new LiveRoom(null, {
        channel: slug,
        onStatus: () => show(status, live.status === 'open' ? 'Updates live.' : live.status === 'not-admitted' ? 'Register to get live updates.' : ''),
        onEvent: (f) => {
          if (f.type === 'session.changed' || f.type === 'stage.changed') {
            load().then(() => announce('The lobby was updated.')).catch(() => {});
          }
        },
        // a snapshot (the first join, or a resume too far behind) may follow changes this page missed
        onChange: (f) => { if (f?.type === 'snapshot' && data) load().catch(() => {}); },
        onError: () => {},
      });
      live.connect();
    });
  }
  return { element: section, ready, stop: () => { stopped = true; clearInterval(timer); live?.close(); } };
}

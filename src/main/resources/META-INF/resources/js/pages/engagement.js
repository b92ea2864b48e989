// A session's engagement statistics for its organisers, speakers and moderators: presence, Q&A, polls and reactions
// per minute, drawn as plain SVG (no chart library). Data: GET .../sessions/{id}/engagement.json.
import { h, show, empty } from '../dom.js';
import { get } from '../api.js';
import { currentUser, signIn } from '../auth.js';
import { problemBox } from '../widgets.js';
import { REACTIONS } from '../polls.js';

const main = () => document.getElementById('main');
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children.flat()) if (c != null) el.append(c);
  return el;
}

/** Columns per minute (one series), with the peak labelled; a title for screen readers. */
function columns(title, points, colour) {
  const w = 600;
  const ht = 140;
  const max = Math.max(1, ...points.map((p) => p.value));
  const bw = points.length ? w / points.length : w;
  return svg('svg', { viewBox: `0 0 ${w} ${ht + 20}`, role: 'img', 'aria-label': `${title}: at most ${max} per minute`, class: 'engagement-chart' },
    svg('title', {}, title),
    points.map((p, i) => {
      const bh = (ht * p.value) / max;
      return svg('rect', { x: (i * bw + 1).toFixed(1), y: (ht - bh).toFixed(1), width: Math.max(1, bw - 2).toFixed(1), height: bh.toFixed(1), fill: colour },
        svg('title', {}, `${p.label}: ${p.value}`));
    }),
    svg('text', { x: 0, y: ht + 16, 'font-size': 12 }, points[0]?.label || ''),
    svg('text', { x: w, y: ht + 16, 'font-size': 12, 'text-anchor': 'end' }, points.at(-1)?.label || ''));
}

export async function engagementPage(slug, id) {
  if (!currentUser()) {
    show(main(), h('h1', {}, 'Engagement'), h('p', {}, 'Sign in to see this session’s statistics.'), h('button', { type: 'button', on: { click: () => signIn(location.hash) } }, 'Sign in'));
    return;
  }
  let stats;
  let session;
  try {
    [stats, session] = await Promise.all([get(`/api/events/${slug}/sessions/${id}/engagement.json`), get(`/api/events/${slug}/sessions/${id}`)]);
  } catch (e) {
    show(main(), h('h1', {}, 'Engagement'), problemBox(e));
    return;
  }
  const minute = (m) => new Date(m.minute).toISOString().slice(11, 16);
  const figures = [
    ['Peak presence', stats.peakPresence], ['Questions asked', stats.questionsAsked], ['Questions answered', stats.questionsAnswered],
    ['Question votes', stats.questionVotes], ['Chat lines', stats.chatLines], ['Poll votes', stats.pollVotes],
  ];
  const perMinute = stats.perMinute;
  show(main(),
    h('p', { class: 'crumbs' }, h('a', { href: `#/events/${slug}/sessions/${id}/moderate` }, `Moderate: ${session.title}`)),
    h('h1', {}, `Engagement: ${session.title}`),
    h('dl', { class: 'engagement-figures', id: 'engagement-figures' }, figures.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, String(v))))),
    h('h2', {}, 'Polls'),
    stats.polls.length ? h('ol', { id: 'engagement-polls' }, stats.polls.map((p) => h('li', {},
      h('span', {}, p.question), ' ', h('span', { class: 'bar-track participation' },
        h('span', { class: 'bar-fill', style: { width: `${Math.round(p.participation * 100)}%` } })), ` ${p.voters} votes (${Math.round(p.participation * 100)}% of the peak)`)))
      : empty('No polls were launched.'),
    h('h2', {}, 'Presence per minute'),
    perMinute.length ? columns('People in the room per minute', perMinute.map((m) => ({ label: minute(m), value: m.presence })), '#2f5fa0') : empty('No one has been in the room yet.'),
    h('h2', {}, 'Reactions per minute'),
    h('ul', { class: 'reaction-totals' }, REACTIONS.map(([k, emoji, label]) => h('li', {}, `${emoji} ${label}: ${stats.reactions[k] || 0}`))),
    perMinute.length ? columns('Reactions per minute', perMinute.map((m) => ({ label: minute(m), value: m.applause + m.heart + m.laugh + m.surprise + m.cantHear })), '#b03a2e') : null,
    h('p', { class: 'meta' }, 'The same figures as JSON: ', h('code', {}, `/api/events/${slug}/sessions/${id}/engagement.json`)));
}

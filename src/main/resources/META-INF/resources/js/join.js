// How the audience joins a session from the projector: the short link and its QR code (rendered by the server,
// live/JoinResource), large enough to scan from the back of a hall.
import { h } from './dom.js';
import { get } from './api.js';

/** {panel, display}: the panel to place beside the questions (null when the server cannot say), the short link text. */
export async function joinPanel(slug, id) {
  let join;
  try {
    join = await get(`/api/events/${slug}/sessions/${id}/join`);
  } catch {
    return { panel: null, display: null };
  }
  return {
    display: join.display,
    panel: h('aside', { class: 'join-panel', id: 'join-panel', 'aria-labelledby': 'join-h' },
      h('h2', { id: 'join-h' }, 'Ask and vote'),
      h('img', { class: 'join-qr', id: 'join-qr', src: join.qrCode, alt: `QR code for ${join.display}` }),
      h('p', { class: 'join-url' }, 'or go to ', h('strong', { id: 'join-url' }, join.display))),
  };
}

// In-app notices while a signed-in person is in a session's live room: the event's channel carries notice.received
// to that person alone (src/docs/notifications.md); the newest is shown in a polite status box with its link. The
// full list is #/notifications. Notices are not stored on the channel, so nothing is resumed after a break: the list
// has what was missed.
import { h, show } from './dom.js';
import { post } from './api.js';
import { accessToken } from './auth.js';

const RETRY = [1000, 2000, 5000, 15000, 30000];
/** Closes that a reconnect cannot change (not admitted, no such event). */
const FINAL = [4403, 4404];

/** Listens on the event's channel and shows each notice in {@code host}; returns the function that stops it. */
export function listenForNotices(slug, host) {
  let ws = null;
  let closed = false;
  let attempt = 0;
  let timer = null;
  const retry = () => { if (!closed) timer = setTimeout(open, RETRY[Math.min(attempt++, RETRY.length - 1)]); };
  async function open() {
    if (closed) return;
    try {
      if (!(await accessToken())) return;
      const { ticket } = await post('/api/live/tickets');
      if (closed) return;
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      ws = new WebSocket(`${scheme}://${location.host}/live/events/${encodeURIComponent(slug)}?ticket=${encodeURIComponent(ticket)}`,
        ['atrium.live.v1']);
      ws.onopen = () => { attempt = 0; };
      ws.onmessage = (m) => {
        const f = JSON.parse(m.data);
        if (f.type === 'notice.received') shown(f.notice);
      };
      ws.onclose = (e) => { ws = null; if (!FINAL.includes(e.code)) retry(); };
    } catch {
      retry();
    }
  }
  function shown(n) {
    show(host, h('div', { class: 'notice notice-info', role: 'status' },
      h('a', { href: n.link, class: 'notice-title' }, n.title), ' ', n.text, ' ',
      h('a', { href: '#/notifications' }, 'All notifications')));
  }
  open();
  return () => { closed = true; clearTimeout(timer); ws?.close(1000, 'left'); };
}

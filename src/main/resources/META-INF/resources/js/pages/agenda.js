// A participant's personal agenda: starred sessions and the calendar feed. Wired to the time-zone feature's API.
import { h, button, notice } from '../dom.js';
import { get, problemLines } from '../api.js';

/** Ids of the sessions the caller starred in this event. */
export async function loadStars(slug) {
  const data = await get(`/api/events/${slug}/stars`);
  const list = Array.isArray(data) ? data : data.items || data.sessions || data.sessionIds || [];
  return new Set(list.map((x) => (typeof x === 'object' ? x.id ?? x.sessionId : x)));
}

export function calendarPanel(slug) {
  const out = h('div', { id: 'calendar-link' });
  return h('section', { class: 'panel', 'aria-labelledby': 'cal-h' },
    h('h2', { id: 'cal-h' }, 'Your calendar'),
    h('p', {}, 'Starred sessions and the sessions you signed up for, in any calendar app.'),
    button('Get my calendar link', async () => {
      try {
        const feed = await get(`/api/events/${slug}/calendar/personal`);
        const url = feed.url || feed.httpsUrl || feed.href;
        const webcal = feed.webcalUrl || url.replace(/^https?:/, 'webcal:');
        out.replaceChildren(
          h('p', {}, h('a', { href: webcal, id: 'webcal-link' }, 'Subscribe (webcal)'), ' · ', h('a', { href: url }, 'Download .ics')),
          h('label', { for: 'feed-url' }, 'Feed address (keep it private)'),
          h('input', { id: 'feed-url', readonly: true, value: url, size: 60 }));
      } catch (e) {
        out.replaceChildren(notice('error', problemLines(e)[0]));
      }
    }, { class: 'secondary', id: 'get-calendar' }),
    out);
}

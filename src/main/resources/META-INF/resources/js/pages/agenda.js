// A participant's personal agenda: starred sessions and the personal calendar feed (the time-zone feature's API).
import { h, button, notice, show } from '../dom.js';
import { get, post, problemLines } from '../api.js';

/** Ids of the sessions the caller starred in this event. */
export async function loadStars(slug) {
  const agenda = await get(`/api/events/${slug}/agenda`);
  return new Set(agenda.starred || []);
}

/** The personal feed's address is shown once, when created; creating again replaces it (the old one stops). */
export function calendarPanel(slug) {
  const out = h('div', { id: 'calendar-link' });
  const create = async () => {
    try {
      const feed = await post('/api/me/calendar-feed');
      show(out,
        notice('success', 'Your personal calendar address (keep it private; it is shown only now):'),
        h('p', {}, h('a', { href: feed.webcalUrl, id: 'webcal-link' }, 'Subscribe in your calendar app'), ' · ',
          h('a', { href: feed.url, id: 'ics-link' }, 'Download .ics')),
        h('label', { for: 'feed-url' }, 'Feed address'),
        h('input', { id: 'feed-url', readonly: true, value: feed.url, size: 60, on: { focus: (e) => e.target.select() } }));
    } catch (e) {
      show(out, notice('error', problemLines(e)[0]));
    }
  };
  get('/api/me/calendar-feed').then((status) => {
    if (status.active && !out.firstChild) {
      show(out, h('p', { class: 'meta' }, `You already have a personal calendar address (since ${status.createdAt.slice(0, 10)}). A new one replaces it.`));
    }
  }).catch(() => {});
  return h('section', { class: 'panel', 'aria-labelledby': 'cal-h' },
    h('h2', { id: 'cal-h' }, 'Your calendar'),
    h('p', {}, 'Starred sessions and the sessions you signed up for, in any calendar app; it follows programme changes.'),
    h('div', { class: 'button-row' },
      button('Create my calendar address', create, { class: 'secondary', id: 'get-calendar' }),
      h('a', { href: `/api/events/${slug}/calendar.ics`, id: 'event-ics' }, 'Whole programme (.ics)')),
    out);
}

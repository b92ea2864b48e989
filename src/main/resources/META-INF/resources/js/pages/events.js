// Events: the public list, an event's home page, and the organiser's create/edit form.
import { h, show, notice, field, button, formValues, announce } from '../dom.js';
import { get, post, put } from '../api.js';
import { currentUser, signIn } from '../auth.js';
import { canCreateEvents } from '../me.js';
import { allZones, detectedZone, zoneLabel } from '../time.js';
import { problemBox, statusBadge, eventDays, loadFailed, loadInto } from '../widgets.js';

const main = () => document.getElementById('main');

function eventCard(ev) {
  return h('li', { class: 'card event-card' },
    h('h2', {}, h('a', { href: `#/events/${ev.slug}` }, ev.title)),
    h('p', { class: 'meta' }, eventDays(ev), ' · ', zoneLabel(ev.timeZone, `${ev.firstDay}T12:00:00Z`)),
    ev.status !== 'PUBLISHED' ? statusBadge(ev.status) : null,
    ev.organiser ? h('span', { class: 'badge' }, 'you organise') : null);
}

const PAGE = 50;

export async function eventList() {
  const first = await get(`/api/events?size=${PAGE}`);
  const user = currentUser();
  const list = h('ul', { class: 'cards', id: 'event-list' }, first.items.map(eventCard));
  let page = 0;
  const more = button('More events', async () => {
    const next = await get(`/api/events?size=${PAGE}&page=${++page}`);
    list.append(...next.items.map(eventCard));
    announce(`${next.items.length} more events`);
    if ((page + 1) * PAGE >= next.total) more.remove();
  }, { class: 'secondary', id: 'more-events' });
  show(main(),
    h('h1', {}, 'Events'),
    first.items.length ? list : h('p', {}, 'No events yet.'),
    first.total > PAGE ? h('p', {}, more) : null,
    user ? (await canCreateEvents() ? h('p', {}, h('a', { class: 'button', href: '#/events/new', id: 'create-event' }, 'Create an event')) : null)
      : h('p', {}, 'Organisers: ', h('a', { href: '#/', on: { click: (e) => { e.preventDefault(); signIn('#/events/new'); } } }, 'sign in'), ' to create an event.'));
}

export async function eventHome(slug) {
  const ev = await get(`/api/events/${slug}`);
  const { lobby } = await import('../stage.js');
  const lobbyBox = lobby(slug, ev);
  const organiserTools = ev.organiser ? h('section', { class: 'panel', 'aria-labelledby': 'org-h' },
    h('h2', { id: 'org-h' }, 'Organiser'),
    h('ul', { class: 'actions' },
      h('li', {}, h('a', { href: `#/events/${slug}/edit` }, 'Edit event and programme')),
      h('li', {}, h('a', { href: `#/events/${slug}/registrations` }, 'Registrations')))) : null;
  show(main(),
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Events')),
    h('h1', {}, ev.title),
    h('p', { class: 'meta', id: 'event-when' }, eventDays(ev), ' · times of this event are set in ', h('strong', {}, zoneLabel(ev.timeZone, `${ev.firstDay}T12:00:00Z`))),
    ev.status !== 'PUBLISHED' ? statusBadge(ev.status) : null,
    ev.description ? h('p', { class: 'description' }, ev.description) : null,
    h('ul', { class: 'actions big' },
      h('li', {}, h('a', { class: 'button', href: `#/events/${slug}/programme`, id: 'to-programme' }, 'Programme')),
      h('li', {}, h('a', { class: 'button secondary', href: `#/events/${slug}/register`, id: 'to-register' }, 'Register')),
      h('li', {}, h('a', { class: 'button secondary', href: `#/events/${slug}/speakers`, id: 'to-speakers' }, 'Speakers')),
      h('li', {}, h('a', { class: 'button secondary', href: `#/events/${slug}/exhibition`, id: 'to-exhibition' }, 'Exhibition'))),
    lobbyBox.element,
    organiserTools);
  await lobbyBox.ready;
  return lobbyBox.stop;
}

function zoneList() {
  return h('datalist', { id: 'zones' }, allZones().map((z) => h('option', { value: z })));
}

/** Create (slug null) or edit an event; after the form, the organiser's catalogue editor when it exists. */
export async function eventEditor(slug) {
  if (!currentUser()) {
    show(main(), h('h1', {}, slug ? 'Edit event' : 'Create an event'),
      h('p', {}, 'You need to sign in first.'), button('Sign in', () => signIn(location.hash)));
    return;
  }
  if (!slug && !(await canCreateEvents())) {
    show(main(), h('h1', {}, 'Create an event'),
      notice('info', 'Your account may not create events here. Ask the people who run this Atrium for the organiser role,'
        + ' or ask an event’s organisers to invite you as a co-organiser.'),
      h('p', {}, h('a', { href: '#/' }, 'Back to the events')));
    return;
  }
  // the limits only bound the date pickers and give a hint: without them the form still works, and says why they are missing
  const [ev, limits] = await Promise.all([slug ? get(`/api/events/${slug}`) : null,
    get('/api/limits').then((l) => ({ ok: l }), (e) => ({ failed: e }))]);
  const limitsFailed = limits.failed ? loadFailed('The limits for event dates', limits.failed) : null;
  const dayBounds = limits.ok ? { min: limits.ok.earliestDay, max: limits.ok.latestDay } : {};
  const lengthHint = limits.ok ? `An event lasts at most ${limits.ok.eventMaxDays} days.` : null;
  const status = h('div', { class: 'form-status' });
  const form = h('form', { class: 'form', id: 'event-form', novalidate: true },
    limitsFailed,
    field('Title', h('input', { name: 'title', required: true, maxlength: 200, value: ev?.title || '' })),
    field('Address (slug)', h('input', { name: 'slug', required: true, pattern: '[a-z0-9]+(-[a-z0-9]+)*', maxlength: 80, value: ev?.slug || '' }),
      'Lower-case letters, digits and hyphens; it appears in links.'),
    field('Description', h('textarea', { name: 'description', rows: 5, maxlength: 20000 }, ev?.description || '')),
    field('Time zone of the event', h('input', { name: 'timeZone', required: true, list: 'zones', value: ev?.timeZone || detectedZone(), autocomplete: 'off' }),
      'An IANA zone such as Asia/Baku or Europe/London; all times of the programme are entered in it.'),
    zoneList(),
    h('div', { class: 'row' },
      field('First day', h('input', { name: 'firstDay', type: 'date', required: true, ...dayBounds, value: ev?.firstDay || '' })),
      field('Last day', h('input', { name: 'lastDay', type: 'date', required: true, ...dayBounds, value: ev?.lastDay || '' }), lengthHint)),
    field('Visibility', h('select', { name: 'visibility' },
      h('option', { value: 'PUBLIC', selected: !ev || ev.visibility === 'PUBLIC' }, 'Public: listed once published'),
      h('option', { value: 'UNLISTED', selected: ev?.visibility === 'UNLISTED' }, 'Unlisted: reachable by link only'))),
    status,
    h('button', { type: 'submit', id: 'save-event' }, ev ? 'Save changes' : 'Create event'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = formValues(form);
    try {
      if (ev) {
        const saved = await put(`/api/events/${slug}`, { ...body, version: ev.version });
        announce('Event saved');
        location.hash = `#/events/${saved.slug}/edit`;
        if (saved.slug === slug) await eventEditor(slug);
      } else {
        const created = await post('/api/events', body);
        location.hash = `#/events/${created.slug}/edit`;
      }
    } catch (err) {
      show(status, problemBox(err, form));
    }
  });

  const lifecycle = ev ? h('section', { class: 'panel', 'aria-labelledby': 'life-h' },
    h('h2', { id: 'life-h' }, 'Status: ', statusBadge(ev.status)),
    h('div', { class: 'button-row' },
      ev.status === 'DRAFT' ? button('Publish', () => lifecycleAction(slug, 'publish'), { id: 'publish' }) : null,
      ev.status === 'PUBLISHED' ? button('Back to draft', () => lifecycleAction(slug, 'unpublish'), { class: 'secondary', id: 'unpublish' }) : null,
      ev.status !== 'CANCELLED' ? button('Cancel event', () => {
        if (confirm('Cancel this event? Participants will see it as cancelled.')) lifecycleAction(slug, 'cancel');
      }, { class: 'danger', id: 'cancel-event' }) : null)) : null;

  show(main(),
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Events'), ev ? [' › ', h('a', { href: `#/events/${slug}` }, ev.title)] : null),
    h('h1', {}, ev ? `Edit: ${ev.title}` : 'Create an event'),
    form, lifecycle, h('div', { id: 'catalogue-editor' }));

  if (ev) {
    const brandingHost = h('div', { id: 'branding-host' });
    lifecycle.after(brandingHost);
    await loadInto(brandingHost, 'The event look', async () => show(brandingHost, await (await import('../branding.js')).brandingPanel(ev)));
    const host = document.getElementById('catalogue-editor');
    await loadInto(host, 'The programme editor', async () => (await import('./organiser.js')).catalogueEditor(host, ev));
  }
}

async function lifecycleAction(slug, action) {
  try {
    await post(`/api/events/${slug}/${action}`);
    announce(`Event ${action === 'publish' ? 'published' : action === 'cancel' ? 'cancelled' : 'back to draft'}`);
    await eventEditor(slug);
  } catch (e) {
    document.querySelector('#life-h')?.after(problemBox(e));
  }
}

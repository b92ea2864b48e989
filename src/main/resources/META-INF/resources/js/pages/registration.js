// Registration: a participant signs up for an event and its limited sessions; organisers approve, reject, export.
import { h, show, notice, field, button, formValues, announce } from '../dom.js';
import { get, api, ApiError } from '../api.js';
import { currentUser, signIn } from '../auth.js';
import { viewerZone, clock, shortDay, localDate, allZones, forgetZone, offsetSuggestions, zoneFor, zoneLabel } from '../time.js';
import { problemBox, statusBadge, eventDays } from '../widgets.js';
import { normaliseSchedule } from './programme.js';

const main = () => document.getElementById('main');

async function optional(promise) {
  try {
    return await promise;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

function stateText(r) {
  switch (r.state) {
    case 'CONFIRMED': return 'You are registered. See you there!';
    case 'PENDING': return 'Your registration is waiting for the organisers’ approval.';
    case 'WAITLISTED': return `The event is full: you are number ${r.waitlistPosition} on the waitlist. You will move up automatically when a place frees.`;
    case 'CANCELLED': return 'You cancelled your registration.';
    case 'REJECTED': return 'The organisers declined this registration.';
    default: return r.state;
  }
}

function settingsLine(s) {
  if (!s) return null;
  const parts = [];
  parts.push(s.open ? 'Registration is open' : 'Registration is closed');
  if (s.deadline) parts.push(`until ${s.deadline.replace('T', ' ').slice(0, 16)} (${s.timeZone})`);
  const places = (n) => `${n} ${n === 1 ? 'place' : 'places'}`;
  if (s.capacity != null) parts.push(s.placesLeft > 0 ? `${s.placesLeft} of ${places(s.capacity)} left` : `full (${places(s.capacity)}): new registrations join the waitlist`);
  if (s.mode === 'APPROVAL') parts.push('organisers approve each registration');
  return h('p', { class: 'meta', id: 'registration-settings' }, parts.join(' · '), '.');
}

export async function registrationPage(slug) {
  const ev = await get(`/api/events/${slug}`);
  const head = [h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Events'), ' › ', h('a', { href: `#/events/${slug}` }, ev.title)),
    h('h1', {}, `Register: ${ev.title}`), h('p', { class: 'meta' }, eventDays(ev))];
  const settings = await optional(get(`/api/events/${slug}/registration-settings`));
  if (!currentUser()) {
    show(main(), head, settingsLine(settings), h('p', {}, 'Sign in to register.'), button('Sign in', () => signIn(location.hash), { id: 'sign-in-to-register' }));
    return;
  }
  const mine = await optional(get(`/api/events/${slug}/registration`));
  const status = h('div', { id: 'registration-status' });
  const active = mine && ['CONFIRMED', 'PENDING', 'WAITLISTED'].includes(mine.state);

  let body;
  if (active) {
    body = h('section', { class: 'panel', 'aria-labelledby': 'my-reg-h' },
      h('h2', { id: 'my-reg-h' }, 'Your registration ', h('span', { class: `badge badge-${mine.state.toLowerCase()}`, id: 'registration-state' }, mine.state.toLowerCase())),
      h('p', { id: 'registration-text' }, stateText(mine)),
      h('p', { class: 'meta' }, `As ${mine.displayName}${mine.timeZone ? ` · times shown in ${mine.timeZone}` : ''}`),
      button('Cancel my registration', async () => {
        if (!confirm('Cancel your registration? Your place goes to the next person on the waitlist.')) return;
        try {
          await api('DELETE', `/api/events/${slug}/registration`);
          announce('Registration cancelled');
          await registrationPage(slug);
        } catch (e) { show(status, problemBox(e)); }
      }, { class: 'danger', id: 'cancel-registration' }));
  } else {
    const user = currentUser();
    const zoneInput = h('input', { name: 'timeZone', list: 'reg-zones', value: viewerZone(), autocomplete: 'off' });
    const form = h('form', { class: 'form', id: 'registration-form' },
      mine ? notice('info', stateText(mine)) : null,
      field('Name shown to others', h('input', { name: 'displayName', value: user.name || '', maxlength: 200, autocomplete: 'name' })),
      field('Affiliation', h('input', { name: 'affiliation', maxlength: 200, autocomplete: 'organization' })),
      field('Country (2 letters, e.g. AZ, GB)', h('input', { name: 'country', maxlength: 2, size: 3, autocomplete: 'country' })),
      field('Your time zone', zoneInput, 'The programme and your calendar show times in it. GMT+4 or Asia/Baku both work.'),
      h('datalist', { id: 'reg-zones' }, [...offsetSuggestions(), ...allZones()].map((z) => h('option', { value: z }))),
      field('Notes for the organisers (e.g. accessibility needs)', h('textarea', { name: 'notes', rows: 3, maxlength: 2000 })),
      h('button', { type: 'submit', id: 'register' }, 'Register'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const values = formValues(form);
        const r = await api('POST', `/api/events/${slug}/registration`, values);
        // the zone just given is the one to show this event in (on this browser too, over an earlier choice)
        if (values.timeZone) forgetZone();
        announce(stateText(r));
        await registrationPage(slug);
      } catch (err) { show(status, problemBox(err, form)); }
    });
    body = form;
  }

  show(main(), head, settingsLine(settings), status, body, active && mine.state === 'CONFIRMED' ? h('div', { id: 'session-signups' }) : null);
  if (active && mine.state === 'CONFIRMED') await sessionSignups(slug, document.getElementById('session-signups'));
}

/** Sessions with limited places (their own capacity or their room's) that a confirmed participant may sign up for. */
async function sessionSignups(slug, host) {
  const [scheduleData, me] = await Promise.all([get(`/api/events/${slug}/schedule`), get('/api/me/registrations')]);
  const schedule = normaliseSchedule(scheduleData);
  const rooms = new Map((scheduleData.rooms || []).map((r) => [r.id, r]));
  const raw = new Map((scheduleData.days || []).flatMap((d) => d.sessions).map((s) => [s.id, s]));
  const mine = new Map(((me.find((m) => m.event === slug) || {}).sessions || []).map((s) => [s.sessionId, s]));
  const zone = await zoneFor(slug);
  const limited = schedule.sessions.filter((s) => {
    const own = raw.get(s.id)?.capacity;
    const room = rooms.get(raw.get(s.id)?.roomId)?.capacity;
    return !s.cancelled && (own != null || (room != null && ['WORKSHOP', 'EXHIBITION'].includes(s.type)));
  });
  const status = h('div');
  show(host, h('section', { class: 'panel', 'aria-labelledby': 'signup-h' },
    h('h2', { id: 'signup-h' }, 'Sessions with limited places'),
    h('p', { class: 'meta', id: 'signup-zone' }, `Times in ${zoneLabel(zone, schedule.sessions[0]?.start || scheduleData.days?.[0]?.start || Date.now())}.`),
    status,
    limited.length ? h('ul', { class: 'slots' }, limited.map((s) => {
      const su = mine.get(s.id);
      const active = su && su.state !== 'CANCELLED';
      return h('li', { class: 'slot', dataset: { sessionId: String(s.id) } },
        h('div', { class: 'when' }, `${shortDay(localDate(s.start, zone))} ${clock(s.start, zone)}`),
        h('div', {}, h('h3', {}, s.title), active ? h('p', { class: 'signup-state' }, statusBadge(su.state),
          su.state === 'WAITLISTED' ? ` number ${su.waitlistPosition} on the waitlist` : ' you have a place') : null),
        h('div', {}, active
          ? button('Give up my place', () => change('DELETE', s), { class: 'small secondary', 'aria-label': `Give up my place in ${s.title}` })
          : button('Sign up', () => change('POST', s), { class: 'small', 'aria-label': `Sign up for ${s.title}` })));
    })) : h('p', {}, 'No session of this event needs a separate sign-up.')));

  async function change(method, s) {
    try {
      const r = await api(method, `/api/events/${slug}/sessions/${s.id}/signup`);
      announce(method === 'POST' ? `${s.title}: ${r.state === 'WAITLISTED' ? `waitlisted, number ${r.waitlistPosition}` : 'place confirmed'}` : `${s.title}: place given up`);
      await sessionSignups(slug, host);
    } catch (e) { show(status, problemBox(e)); }
  }
}

const STATES = ['PENDING', 'CONFIRMED', 'WAITLISTED', 'CANCELLED', 'REJECTED'];

export async function registrationsAdminPage(slug) {
  const ev = await get(`/api/events/${slug}`);
  const state = new URLSearchParams(location.hash.split('?')[1] || '').get('state') || '';
  const [settings, counts, page] = await Promise.all([
    get(`/api/events/${slug}/registration-settings`),
    get(`/api/events/${slug}/registrations/counts`),
    get(`/api/events/${slug}/registrations?size=500${state ? `&state=${state}` : ''}`)]);
  const status = h('div', { id: 'admin-status' });
  const reload = () => registrationsAdminPage(slug);

  const settingsForm = h('form', { class: 'form', id: 'settings-form' },
    h('div', { class: 'check' }, h('input', { type: 'checkbox', name: 'open', id: 'set-open', checked: settings.open }), h('label', { for: 'set-open' }, 'Registration open')),
    h('div', { class: 'row' },
      field('Mode', h('select', { name: 'mode', id: 'set-mode' },
        h('option', { value: 'AUTOMATIC', selected: settings.mode === 'AUTOMATIC' }, 'Automatic'),
        h('option', { value: 'APPROVAL', selected: settings.mode === 'APPROVAL' }, 'Approval required'))),
      field('Capacity (empty: unlimited)', h('input', { name: 'capacity', id: 'set-capacity', type: 'number', min: 0, value: settings.capacity ?? '' })),
      field(`Deadline (${settings.timeZone})`, h('input', { name: 'deadline', type: 'datetime-local', value: settings.deadline ? settings.deadline.slice(0, 16) : '' }))),
    h('button', { type: 'submit', id: 'save-settings' }, 'Save settings'));
  settingsForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(settingsForm);
    try {
      await api('PUT', `/api/events/${slug}/registration-settings`, {
        open: settingsForm.elements.open.checked, mode: v.mode,
        capacity: v.capacity ? Number(v.capacity) : null, deadline: v.deadline || null, version: settings.version,
      });
      announce('Registration settings saved');
      await reload();
    } catch (err) { show(status, problemBox(err, settingsForm)); }
  });

  async function act(r, action) {
    if (action === 'cancel' && !confirm(`Cancel the registration of ${r.displayName}? Their place goes to the next person on the waitlist.`)) return;
    try {
      await api('POST', `/api/events/${slug}/registrations/${r.id}/${action}`);
      announce(`${r.displayName}: ${{ approve: 'approved', reject: 'rejected', cancel: 'cancelled' }[action]}`);
      await reload();
    } catch (e) { show(status, problemBox(e)); }
  }

  async function exportCsv() {
    try {
      const r = await api('GET', `/api/events/${slug}/registrations/export${state ? `?state=${state}` : ''}`, undefined, { raw: true, headers: { Accept: 'text/csv' } });
      const url = URL.createObjectURL(await r.blob());
      const a = h('a', { href: url, download: `${slug}-registrations.csv` });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) { show(status, problemBox(e)); }
  }

  const filter = h('nav', { class: 'actions', 'aria-label': 'Filter by state' },
    h('a', { href: `#/events/${slug}/registrations`, 'aria-current': state ? null : 'page' }, `All (${counts.total})`),
    STATES.map((s) => h('a', { href: `#/events/${slug}/registrations?state=${s}`, 'aria-current': state === s ? 'page' : null },
      `${s.toLowerCase()} (${counts[s.toLowerCase()]})`)));

  show(main(),
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Events'), ' › ', h('a', { href: `#/events/${slug}` }, ev.title)),
    h('h1', {}, `Registrations: ${ev.title}`),
    status,
    h('section', { class: 'panel', 'aria-labelledby': 'set-h' }, h('h2', { id: 'set-h' }, 'Settings'),
      h('p', { class: 'meta', id: 'counts' }, `${counts.confirmed} confirmed${counts.capacity != null ? ` of ${counts.capacity}` : ''} · ${counts.waitlisted} waitlisted · ${counts.pending} pending`),
      settingsForm),
    h('section', { 'aria-labelledby': 'list-h' },
      h('h2', { id: 'list-h' }, 'People'), filter,
      h('p', {}, button('Export CSV', exportCsv, { class: 'secondary', id: 'export-csv' })),
      page.items.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'registration-table' },
        h('thead', {}, h('tr', {}, ['#', 'Name', 'Email', 'Affiliation', 'Country', 'Zone', 'State'].map((t) => h('th', { scope: 'col' }, t)), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
        h('tbody', {}, page.items.map((r, i) => h('tr', { dataset: { subject: r.subject } },
          h('td', {}, String(i + 1)), h('td', {}, r.displayName), h('td', {}, r.email || '—'), h('td', {}, r.affiliation || '—'),
          h('td', {}, r.country || '—'), h('td', {}, r.timeZone || '—'),
          h('td', {}, statusBadge(r.state), r.waitlistPosition ? ` #${r.waitlistPosition}` : ''),
          h('td', {}, h('div', { class: 'button-row' },
            r.state === 'PENDING' ? button('Approve', () => act(r, 'approve'), { class: 'small', 'aria-label': `Approve ${r.displayName}` }) : null,
            r.state === 'PENDING' ? button('Reject', () => act(r, 'reject'), { class: 'small danger', 'aria-label': `Reject ${r.displayName}` }) : null,
            ['CONFIRMED', 'WAITLISTED'].includes(r.state) ? button('Cancel', () => act(r, 'cancel'), { class: 'small secondary', 'aria-label': `Cancel ${r.displayName}` }) : null))))))) : h('p', {}, 'Nobody yet.')));
}

// The organiser's catalogue editor on an event's edit page: tracks, rooms, speakers and sessions. Session times are
// entered on the event's wall clock; the server decides (DST gaps refused, overlaps need an offset, conflicts named).
import { h, show, notice, field, button, formValues, announce } from '../dom.js';
import { get, api, problemLines } from '../api.js';
import { zoneLabel } from '../time.js';
import { problemBox, loadFailed } from '../widgets.js';

const TYPES = ['KEYNOTE', 'TALK', 'PANEL', 'WORKSHOP', 'EXHIBITION', 'BREAK', 'OTHER'];
const ROLES = ['SPEAKER', 'MODERATOR'];

async function all(path) {
  const page = await get(`${path}${path.includes('?') ? '&' : '?'}size=500`);
  return page.items || page;
}

export async function catalogueEditor(host, ev) {
  const slug = ev.slug;
  const base = `/api/events/${slug}`;
  const [tracks, rooms, speakers, sessions] = await Promise.all([
    all(`${base}/tracks`), all(`${base}/rooms`), all(`${base}/speakers`), all(`${base}/sessions`)]);
  const reload = () => catalogueEditor(host, ev);

  function section(id, title, table, ...forms) {
    return h('section', { class: 'panel', id, 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h` }, title), table, forms);
  }

  function crudForm(id, fields, submitText, onSubmit) {
    const status = h('div', { class: 'form-status', id: `${id}-status` });
    const form = h('form', { class: 'form', id }, fields, status, h('button', { type: 'submit' }, submitText));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await onSubmit(formValues(form), form);
        announce(`${submitText}: done`);
        await reload();
      } catch (err) {
        show(status, problemBox(err, form));
      }
    });
    return form;
  }

  async function remove(path, what) {
    try {
      await api('DELETE', path);
      announce(`${what} removed`);
      await reload();
    } catch (e) {
      alert(problemLines(e).join('\n'));
    }
  }

  const tracksSection = section('tracks', 'Tracks',
    tracks.length ? h('ul', { class: 'actions' }, tracks.map((t) => h('li', {},
      h('span', { class: 'badge', style: t.colour ? { 'border-left': `0.8rem solid ${t.colour}` } : null }, t.name), t.colour ? ` ${t.colour} ` : ' ',
      button('Remove', () => remove(`${base}/tracks/${t.id}`, t.name), { class: 'small secondary', 'aria-label': `Remove track ${t.name}` })))) : h('p', {}, 'No tracks yet.'),
    crudForm('track-form', h('div', { class: 'row' },
      field('Track name', h('input', { name: 'name', required: true, maxlength: 120 })),
      field('Colour', h('input', { name: 'colour', type: 'color', value: '#0b5cad' }))), 'Add track',
    (v) => api('POST', `${base}/tracks`, v)));

  const roomsSection = section('rooms', 'Rooms and stages',
    rooms.length ? h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Room'), h('th', {}, 'Kind'), h('th', {}, 'Capacity'), h('th', {}, 'Join / stream link'), h('th', {}, h('span', { class: 'visually-hidden' }, 'Actions')))),
      h('tbody', {}, rooms.map((r) => h('tr', {}, h('td', {}, r.name), h('td', {}, (r.kind || '').toLowerCase()), h('td', {}, r.capacity ?? '—'),
        h('td', {}, r.joinUrl || '—'), h('td', {}, button('Remove', () => remove(`${base}/rooms/${r.id}`, r.name), { class: 'small secondary', 'aria-label': `Remove room ${r.name}` }))))))) : h('p', {}, 'No rooms yet.'),
    crudForm('room-form', [h('div', { class: 'row' },
      field('Room name', h('input', { name: 'name', required: true, maxlength: 120 })),
      field('Capacity', h('input', { name: 'capacity', type: 'number', min: 0 })),
      field('Kind', h('select', { name: 'kind' }, ['STAGE', 'MEETING', 'EXHIBITION', 'STREAM'].map((k) => h('option', { value: k }, k.toLowerCase()))))),
    field('Join or stream URL', h('input', { name: 'joinUrl', type: 'url', placeholder: 'https://meet.example.org/room' }))], 'Add room',
    (v) => api('POST', `${base}/rooms`, { ...v, capacity: v.capacity ? Number(v.capacity) : null })),
    rooms.length ? [h('h3', { id: 'stream-h' }, 'Stream on a stage'),
      h('p', { class: 'meta' }, 'An HLS stream (.m3u8), a YouTube, Vimeo or PeerTube video or live, or a Jitsi, BigBlueButton, Zoom or Teams meeting.'
        + ' The address is checked and shown in the session pages and the lobby.'),
      crudForm('stream-form', [h('div', { class: 'row' },
        field('Room', h('select', { name: 'roomId', required: true }, rooms.map((r) => h('option', { value: String(r.id) }, r.name)))),
        field('Provider', h('select', { name: 'provider' }, h('option', { value: '' }, 'Recognise from the address'),
          ['HLS', 'YOUTUBE', 'VIMEO', 'PEERTUBE', 'JITSI', 'BIGBLUEBUTTON', 'ZOOM', 'TEAMS'].map((p) => h('option', { value: p }, p))))),
      field('Stream address', h('input', { name: 'url', required: true, placeholder: 'https://youtu.be/… or https://stream.example.org/live.m3u8' })),
      field('Instructions for a meeting', h('input', { name: 'instructions', maxlength: 2000 })),
      h('div', { class: 'check' }, h('input', { type: 'checkbox', name: 'allowEmbed', id: 'stream-embed' }),
        h('label', { for: 'stream-embed' }, 'Embed a Jitsi meeting in the page'))], 'Set stream',
      async (v, form) => {
        const path = `${base}/rooms/${v.roomId}/stream`;
        // the stream being replaced (its version); a 404 means there is none yet, any other failure is reported
        const current = await get(path).catch((e) => { if (e.status === 404) return undefined; throw e; });
        await api('PUT', path, { url: v.url, provider: v.provider || null, instructions: v.instructions || null,
          allowEmbed: form.querySelector('#stream-embed').checked, version: current?.version ?? null });
      })] : null);

  // Speakers are linked to people by invitation: the organiser never types an account.
  function speakerItem(p) {
    const details = [p.affiliation, p.country].filter(Boolean);
    const invite = h('form', { class: 'inline-form', dataset: { speakerId: String(p.id) } },
      field(`E-mail of ${p.name}`, h('input', { name: 'email', type: 'email', required: true, maxlength: 320, value: p.accountEmail || '' })),
      h('button', { type: 'submit', class: 'small' }, p.accountSubject ? 'Invite again' : 'Invite to link their account'));
    const result = h('div', { class: 'form-status' });
    invite.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const created = await api('POST', `${base}/invitations`, { kind: 'SPEAKER', email: formValues(invite).email, speakerId: p.id });
        show(result, invitationLink(created));
      } catch (err) {
        show(result, problemBox(err));
      }
    });
    return h('li', { class: 'speaker-item' }, h('strong', {}, p.name),
      details.length ? ` · ${details.join(' · ')}` : '',
      h('span', { class: 'meta speaker-account' }, p.accountSubject
        ? ` · signs in as ${p.accountName || 'an account that has not signed in yet'}`
        : ' · not linked to an account yet'),
      ' ', button('Remove', () => remove(`${base}/speakers/${p.id}`, p.name), { class: 'small secondary', 'aria-label': `Remove speaker ${p.name}` }),
      h('details', {}, h('summary', {}, 'Invite by e-mail'), invite, result));
  }

  const speakersSection = section('speakers', 'Speakers',
    speakers.length ? h('ul', { id: 'speaker-list' }, speakers.map(speakerItem)) : h('p', {}, 'No speakers yet.'),
    crudForm('speaker-form', [h('div', { class: 'row' },
      field('Speaker name', h('input', { name: 'name', required: true, maxlength: 200 })),
      field('Affiliation', h('input', { name: 'affiliation', maxlength: 200 })),
      field('Country (2 letters)', h('input', { name: 'country', maxlength: 2, size: 3 }))),
    field('Bio', h('textarea', { name: 'bio', rows: 3 })),
    field('E-mail (optional)', h('input', { name: 'accountEmail', type: 'email', maxlength: 320 }),
      'To invite them: an invitation link lets them sign in and moderate their sessions.')], 'Add speaker',
    async (v) => {
      const created = await api('POST', `${base}/speakers`, { ...v, country: v.country?.toUpperCase() });
      if (v.accountEmail) {
        const invitation = await api('POST', `${base}/invitations`, { kind: 'SPEAKER', email: v.accountEmail, speakerId: created.id });
        lastInvitation = invitation;
      }
    }));

  const organisersSection = await organisersPanel(ev, base, reload);

  // Sessions
  const editing = { id: null, version: null };
  const trackName = new Map(tracks.map((t) => [t.id, t.name]));
  const roomName = new Map(rooms.map((r) => [r.id, r.name]));
  const speakerSelect = h('select', { name: 'speakerIds', multiple: true, size: Math.min(6, Math.max(2, speakers.length)) },
    speakers.map((p) => h('option', { value: String(p.id) }, p.name)));
  const moderatorSelect = h('select', { name: 'moderatorIds', multiple: true, size: Math.min(6, Math.max(2, speakers.length)) },
    speakers.map((p) => h('option', { value: String(p.id) }, p.name)));
  const sessionStatus = h('div', { class: 'form-status', id: 'session-status' });
  const submit = h('button', { type: 'submit', id: 'save-session' }, 'Add session');
  const sessionForm = h('form', { class: 'form', id: 'session-form' },
    field('Session title', h('input', { name: 'title', required: true, maxlength: 300 })),
    h('div', { class: 'row' },
      field('Type', h('select', { name: 'type' }, TYPES.map((t) => h('option', { value: t, selected: t === 'TALK' }, t.toLowerCase())))),
      field('Track', h('select', { name: 'trackId' }, h('option', { value: '' }, '—'), tracks.map((t) => h('option', { value: String(t.id) }, t.name)))),
      field('Room', h('select', { name: 'roomId' }, h('option', { value: '' }, '—'), rooms.map((r) => h('option', { value: String(r.id) }, r.name))))),
    h('div', { class: 'row' },
      field(`Starts (${ev.timeZone})`, h('input', { name: 'start', type: 'datetime-local', required: true, min: `${ev.firstDay}T00:00`, max: `${ev.lastDay}T23:59` }),
        `Wall-clock time in ${zoneLabel(ev.timeZone, `${ev.firstDay}T12:00:00Z`)}.`),
      field(`Ends (${ev.timeZone})`, h('input', { name: 'end', type: 'datetime-local', required: true, min: `${ev.firstDay}T00:00` })),
      field('Places (empty: the room’s)', h('input', { name: 'capacity', type: 'number', min: 0 }))),
    h('div', { class: 'row' }, field('Speakers', speakerSelect), field('Moderators', moderatorSelect)),
    field('Language', h('input', { name: 'language', placeholder: 'en', maxlength: 35 })),
    field('Abstract', h('textarea', { name: 'abstract', rows: 3 })),
    sessionStatus, h('div', { class: 'button-row' }, submit,
      button('New session', () => { editing.id = null; sessionForm.reset(); submit.textContent = 'Add session'; }, { class: 'secondary' })));
  sessionForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(sessionForm);
    const picked = (sel, role) => [...sel.selectedOptions].map((o) => ({ speakerId: Number(o.value), role }));
    const body = {
      title: v.title, type: v.type, language: v.language || null, abstract: v.abstract || null,
      trackId: v.trackId ? Number(v.trackId) : null, roomId: v.roomId ? Number(v.roomId) : null,
      start: v.start, end: v.end, capacity: v.capacity ? Number(v.capacity) : null,
      speakers: [...picked(speakerSelect, 'SPEAKER'), ...picked(moderatorSelect, 'MODERATOR')],
    };
    try {
      if (editing.id) await api('PUT', `${base}/sessions/${editing.id}`, { ...body, version: editing.version });
      else await api('POST', `${base}/sessions`, body);
      announce(`Session ${editing.id ? 'saved' : 'added'}`);
      await reload();
    } catch (err) {
      show(sessionStatus, problemBox(err, sessionForm));
    }
  });

  function edit(s) {
    editing.id = s.id;
    editing.version = s.version;
    const f = sessionForm.elements;
    f.title.value = s.title;
    f.type.value = s.type;
    f.trackId.value = s.trackId ? String(s.trackId) : '';
    f.roomId.value = s.roomId ? String(s.roomId) : '';
    f.start.value = s.localStart.slice(0, 16);
    f.end.value = s.localEnd.slice(0, 16);
    f.capacity.value = s.capacity ?? '';
    f.language.value = s.language || '';
    f.abstract.value = s.abstract || '';
    for (const o of speakerSelect.options) o.selected = s.speakers.some((p) => String(p.speakerId) === o.value && p.role === 'SPEAKER');
    for (const o of moderatorSelect.options) o.selected = s.speakers.some((p) => String(p.speakerId) === o.value && p.role === 'MODERATOR');
    submit.textContent = 'Save session';
    f.title.focus();
  }

  const sessionsSection = section('sessions', `Sessions (times in ${zoneLabel(ev.timeZone, `${ev.firstDay}T12:00:00Z`)})`,
    sessions.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'session-table' },
      h('thead', {}, h('tr', {}, ['When (event time)', 'Title', 'Room', 'Track', 'Speakers'].map((t) => h('th', { scope: 'col' }, t)), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      h('tbody', {}, sessions.map((s) => h('tr', { dataset: { sessionId: String(s.id) } },
        h('td', {}, `${s.localStart.slice(0, 10)} ${s.localStart.slice(11, 16)}–${s.localEnd.slice(11, 16)}`),
        h('td', {}, h('a', { href: `#/events/${slug}/sessions/${s.id}` }, s.title), s.cancelled ? h('span', { class: 'badge badge-cancelled' }, 'cancelled') : null),
        h('td', {}, roomName.get(s.roomId) || '—'), h('td', {}, trackName.get(s.trackId) || '—'),
        h('td', {}, s.speakers.map((p) => `${p.name}${p.role === 'MODERATOR' ? ' (moderator)' : ''}`).join(', ')),
        h('td', {}, h('div', { class: 'button-row' },
          button('Edit', () => edit(s), { class: 'small secondary', 'aria-label': `Edit ${s.title}` }),
          h('a', { href: `#/events/${slug}/sessions/${s.id}/moderate` }, 'Moderate'),
          s.cancelled ? null : button('Cancel', () => remove(`${base}/sessions/${s.id}?version=${s.version}`, s.title), { class: 'small danger', 'aria-label': `Cancel ${s.title}` })))))))) : h('p', {}, 'No sessions yet.'),
    sessionForm);

  show(host, lastInvitation ? h('div', { class: 'panel', id: 'last-invitation' }, invitationLink(lastInvitation)) : null,
    tracksSection, roomsSection, speakersSection, organisersSection, sessionsSection);
  lastInvitation = null;
}

/** The link of an invitation just created: shown once (Atrium keeps only its hash) for the organiser to pass on. */
let lastInvitation = null;

export function invitationLink(invitation) {
  const input = h('input', { readonly: true, value: invitation.link, class: 'invitation-link', size: 60 });
  return notice('success', `Invitation for ${invitation.email} created. Atrium does not send e-mail yet: send them this link`
    + ` (valid until ${new Date(invitation.expiresAt).toLocaleDateString()}; it works once):`,
    h('div', { class: 'button-row' }, field('Invitation link', input),
      button('Copy', () => { input.select(); navigator.clipboard?.writeText(invitation.link); announce('Link copied'); }, { class: 'small secondary' })));
}

/** Co-organisers by name; invite by e-mail, or pick someone this event already knows (registrants, speakers). */
async function organisersPanel(ev, base, reload) {
  const [event, invitations] = await Promise.all([get(base), get(`${base}/invitations`).then((list) => list, (e) => e)]);
  const status = h('div', { class: 'form-status', id: 'organiser-status' });
  const list = h('ul', { id: 'organiser-list' }, (event.organisers || []).map((o) => h('li', {},
    h('strong', {}, o.name || 'someone who has not signed in yet'), o.email ? ` · ${o.email}` : '',
    event.organisers.length > 1 ? [' ', button('Remove', async () => {
      try {
        await api('DELETE', `${base}/organisers/${encodeURIComponent(o.subject)}`);
        announce(`${o.name || 'Organiser'} removed`);
        await reload();
      } catch (e) { show(status, problemBox(e)); }
    }, { class: 'small secondary', 'aria-label': `Remove organiser ${o.name || ''}` })] : null)));

  const inviteForm = h('form', { class: 'form', id: 'organiser-invite-form' },
    field('Invite a co-organiser by e-mail', h('input', { name: 'email', type: 'email', required: true, maxlength: 320 })),
    h('button', { type: 'submit' }, 'Create invitation'));
  const inviteResult = h('div', { class: 'form-status', id: 'organiser-invite-result' });
  inviteForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const created = await api('POST', `${base}/invitations`, { kind: 'ORGANISER', email: formValues(inviteForm).email });
      show(inviteResult, invitationLink(created));
      inviteForm.reset();
    } catch (err) { show(inviteResult, problemBox(err)); }
  });

  const results = h('ul', { id: 'account-results', 'aria-live': 'polite' });
  const search = h('form', { class: 'form', id: 'account-search', role: 'search' },
    field('Or add someone who has signed in (name or e-mail)', h('input', { name: 'q', type: 'search', maxlength: 100 }),
      'Among this event’s registrants and speakers.'),
    h('button', { type: 'submit', class: 'secondary' }, 'Search'));
  search.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const found = await get(`${base}/accounts?q=${encodeURIComponent(formValues(search).q || '')}`);
      const current = new Set((event.organisers || []).map((o) => o.subject));
      show(results, found.length ? found.map((a) => h('li', {}, h('strong', {}, a.name || a.email || 'unnamed account'),
        a.email ? ` · ${a.email}` : '', ' ',
        current.has(a.subject) ? h('span', { class: 'badge' }, 'organiser')
          : button('Make co-organiser', async () => {
            try {
              await api('POST', `${base}/organisers`, { subject: a.subject });
              announce(`${a.name || 'Account'} is now a co-organiser`);
              await reload();
            } catch (err) { show(status, problemBox(err)); }
          }, { class: 'small' }))) : h('li', {}, 'Nobody found.'));
    } catch (err) { show(status, problemBox(err)); }
  });

  const STATES = { PENDING: 'waiting', ACCEPTED: 'accepted', EXPIRED: 'expired', REVOKED: 'withdrawn' };
  const invitationList = invitations instanceof Error ? loadFailed('The invitations', invitations, reload) : invitations.length ? h('details', { id: 'invitations' }, h('summary', {}, `Invitations (${invitations.length})`),
    h('ul', {}, invitations.map((i) => h('li', {},
      `${i.kind === 'SPEAKER' ? `Speaker ${i.speakerName}` : 'Co-organiser'} · ${i.email} · ${STATES[i.state] || i.state}`,
      i.acceptedByName ? ` by ${i.acceptedByName}` : '',
      i.state === 'PENDING' ? [' ', button('Withdraw', async () => {
        try {
          await api('POST', `${base}/invitations/${i.id}/revoke`);
          announce('Invitation withdrawn');
          await reload();
        } catch (e) { show(status, problemBox(e)); }
      }, { class: 'small secondary' })] : null)))) : null;

  return h('section', { class: 'panel', id: 'organisers', 'aria-labelledby': 'organisers-h' },
    h('h2', { id: 'organisers-h' }, 'Organisers'), list, status, inviteForm, inviteResult, search, results, invitationList);
}

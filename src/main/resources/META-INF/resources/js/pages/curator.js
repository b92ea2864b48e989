// The curator's editor: an event's galleries (name, statement, order, visibility, opening hours entered on the
// event's clock), their works (details, artists, order) and each work's media (images need alt text), and, for
// organisers, who curates the event. The server decides everything it stores (hours in DST gaps, file types, alt
// text); the page checks before sending only what it can say better: an image without alt text is not sent.
import { h, show, notice, field, button, formValues, announce, empty } from '../dom.js';
import { ApiError, api, get, problemLines } from '../api.js';
import { zoneLabel } from '../time.js';
import { problemBox, fieldProblem, loadFailed } from '../widgets.js';
import { prepareImage, sendFile, uploadProblem } from '../upload.js';

const main = () => document.getElementById('main');

const VISIBILITY = [
  ['DRAFT', 'Draft'],
  ['PUBLISHED', 'Published'],
  ['REGISTERED', 'Registered participants only'],
];

function crumbs(slug, title, ...more) {
  return h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Events'), ' › ', h('a', { href: `#/events/${slug}` }, title),
    ' › ', h('a', { href: `#/events/${slug}/exhibition` }, 'Exhibition'), more.filter(Boolean).map((m) => [' › ', m]));
}

function visibilityBadge(v) {
  const words = { DRAFT: 'draft', PUBLISHED: 'published', REGISTERED: 'registered participants' };
  return h('span', { class: `badge badge-${v === 'REGISTERED' ? 'pending' : v.toLowerCase()}` }, words[v] || v.toLowerCase());
}

/** "Wed 12 May 10:00–18:00" on the event's clock (the server gives eventOpens/eventCloses as local date-times). */
function eventHours(o) {
  const day = (d) => new Date(`${d}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  const [d1, t1] = [o.eventOpens.slice(0, 10), o.eventOpens.slice(11, 16)];
  const [d2, t2] = [o.eventCloses.slice(0, 10), o.eventCloses.slice(11, 16)];
  return d1 === d2 ? `${day(d1)} ${t1}–${t2}` : `${day(d1)} ${t1} – ${day(d2)} ${t2}`;
}

/**
 * The event as the editor needs it (title, zone, whether the caller organises it, its status). A draft event is its
 * organisers' to read, yet its curators prepare the exhibition before it is published: for them the exhibition's own
 * answer (`fallback`: title and zone) stands in.
 */
async function eventOf(slug, fallback) {
  try {
    return await get(`/api/events/${slug}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && fallback) {
      return { slug, title: fallback.title, timeZone: fallback.timeZone, organiser: false, status: 'DRAFT' };
    }
    throw e;
  }
}

/** The page for someone who may not curate: says so, offers the visitors' pages, shows no control. */
function notACurator(slug, title) {
  show(main(), crumbs(slug, title), h('h1', {}, 'Manage the exhibition'),
    notice('info', 'Only this event’s curators and organisers manage its exhibition.'),
    h('p', {}, h('a', { href: `#/events/${slug}/exhibition` }, 'Visit the exhibition')));
}

/** Runs `action`; on a problem shows it in `status` (with the form's fields marked) and answers false. */
async function attempt(status, form, action) {
  try {
    await action();
    return true;
  } catch (e) {
    show(status, problemBox(e, form));
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Galleries

/**
 * The gallery form: name, statement, order, visibility and opening hours as intervals on the event's clock (one row
 * each, added and removed in place). `onSaved(view)` runs after the server accepted it.
 */
function galleryForm(slug, zone, gallery, onSaved) {
  const zoneText = zoneLabel(zone);
  const rows = h('ol', { class: 'hours-rows', id: 'hours-rows' });
  let counter = 0;
  function hoursRow(opens = '', closes = '') {
    const n = ++counter;
    const row = h('li', { class: 'row hours-row' },
      field(`Opens (${zone})`, h('input', { type: 'datetime-local', name: `opens-${n}`, class: 'hours-opens', value: opens })),
      field(`Closes (${zone})`, h('input', { type: 'datetime-local', name: `closes-${n}`, class: 'hours-closes', value: closes })),
      button('Remove', () => {
        const next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        announce('Opening removed');
        (next?.querySelector('input') || addHours).focus();
      }, { class: 'small secondary', 'aria-label': `Remove opening ${n}` }));
    return row;
  }
  for (const o of gallery?.hours || []) rows.append(hoursRow(o.eventOpens.slice(0, 16), o.eventCloses.slice(0, 16)));
  const addHours = button('Add an opening', () => {
    const row = hoursRow();
    rows.append(row);
    row.querySelector('input').focus();
  }, { class: 'small secondary', id: 'add-hours' });

  // the programme's session that opens the gallery (the programme then links to it); when the programme cannot be
  // read (a draft event's programme is its organisers'), the hint says so and the current choice is kept
  const current = gallery?.openingSession;
  const openingSession = h('select', { name: 'openingSessionId', id: 'opening-session' },
    h('option', { value: '' }, 'None'),
    current ? h('option', { value: String(current.id), selected: true }, current.title) : null);
  const openingField = field('Opened by the session', openingSession,
    'A session on the programme that opens this gallery; the programme links it here.');
  get(`/api/events/${slug}/schedule`).then((schedule) => {
    const sessions = (schedule.days || []).flatMap((d) => d.sessions || []).filter((s) => s.id !== current?.id);
    openingSession.append(...sessions.map((s) => h('option', { value: String(s.id) }, s.title)));
  }, (e) => {
    openingField.querySelector('.hint').textContent =
      `The programme could not be read (${problemLines(e)[0]}): only the current choice is offered.`;
  });

  const status = h('div', { class: 'form-status', id: 'gallery-status' });
  const form = h('form', { class: 'form', id: 'gallery-form', novalidate: true },
    field('Gallery name', h('input', { name: 'name', required: true, maxlength: 200, value: gallery?.name || '' })),
    field('Curator statement', h('textarea', { name: 'statement', rows: 4, maxlength: 20000 }, gallery?.statement || '')),
    h('div', { class: 'row' },
      field('Order', h('input', { name: 'position', type: 'number', min: 0, max: 10000, value: String(gallery?.position ?? 0) }),
        'Galleries are listed by this number, lowest first.'),
      field('Visibility', h('select', { name: 'visibility' },
        VISIBILITY.map(([v, text]) => h('option', { value: v, selected: (gallery?.visibility || 'DRAFT') === v }, text))),
        'A draft is seen by curators and organisers only; published, by everyone who may see the event.')),
    openingField,
    h('div', { class: 'field checkbox-field' },
      h('input', { type: 'checkbox', name: 'premoderation', id: 'gallery-premoderation', checked: Boolean(gallery?.premoderation),
        'aria-describedby': 'gallery-premoderation-hint' }),
      h('label', { for: 'gallery-premoderation' }, 'Approve guestbook entries before visitors see them'),
      h('small', { class: 'hint', id: 'gallery-premoderation-hint' }, 'For the guestbooks of all the works in this gallery.')),
    h('fieldset', { class: 'hours-fieldset' },
      h('legend', {}, `Opening hours, on the event’s clock: ${zoneText}`),
      h('p', { class: 'meta', id: 'hours-zone' }, `Enter each opening in ${zoneText}; visitors see it on their own clock. An opening may run past midnight.`),
      rows, addHours),
    status,
    h('button', { type: 'submit', id: 'save-gallery' }, gallery ? 'Save gallery' : 'Create gallery'));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    if (!v.name) {
      show(status, fieldProblem(form, 'name', 'Gallery name is required'));
      return;
    }
    const hours = [];
    for (const row of rows.children) {
      const opens = row.querySelector('.hours-opens');
      const closes = row.querySelector('.hours-closes');
      if (!opens.value && !closes.value) continue;
      if (!opens.value || !closes.value) {
        const missing = opens.value ? closes : opens;
        show(status, fieldProblem(form, missing.name, `Give both times of the opening (${opens.value ? 'closes' : 'opens'} is missing)`));
        return;
      }
      hours.push({ opens: opens.value, closes: closes.value });
    }
    const body = { name: v.name, statement: v.statement || null, position: Number(v.position || 0), visibility: v.visibility, hours,
      openingSessionId: v.openingSessionId ? Number(v.openingSessionId) : null, premoderation: Boolean(v.premoderation) };
    try {
      const saved = gallery
        ? await api('PUT', `/api/events/${slug}/galleries/${gallery.id}`, body)
        : await api('POST', `/api/events/${slug}/galleries`, body);
      announce(gallery ? 'Gallery saved' : 'Gallery created');
      await onSaved(saved);
    } catch (err) {
      show(status, problemBox(err, form));
      markHours(err);
    }
  });

  // a reversed opening, or a time the event's clock skips or repeats, is named by its values: mark that opening
  function markHours(err) {
    const named = new Set(Object.values(err instanceof ApiError ? err.problem : {})
      .filter((v) => typeof v === 'string').map((v) => v.slice(0, 16)));
    const marked = [...rows.querySelectorAll('input')].filter((input) => input.value && named.has(input.value));
    for (const input of marked) {
      input.setAttribute('aria-invalid', 'true');
      const describedBy = (input.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && id !== status.id);
      input.setAttribute('aria-describedby', [...describedBy, status.id].join(' '));
    }
    marked[0]?.focus();
  }
  return form;
}

/** #/events/{slug}/exhibition/edit: the galleries, a new gallery, and the event's curators. */
export async function exhibitionEditorPage(slug) {
  const base = `/api/events/${slug}`;
  const doc = await get(`${base}/exhibition`);
  const ev = await eventOf(slug, doc);
  if (!doc.mayCurate) return notACurator(slug, ev.title);
  const reload = () => exhibitionEditorPage(slug);

  const list = doc.galleries.length
    ? h('ul', { class: 'editor-list', id: 'gallery-list' }, doc.galleries.map((g) => h('li', { class: 'editor-item', dataset: { gallery: g.id } },
      h('div', {},
        h('h3', {}, h('a', { href: `#/events/${slug}/galleries/${g.id}/edit` }, g.name)),
        h('p', { class: 'meta' }, visibilityBadge(g.visibility), ` · order ${g.position} · ${g.works} ${g.works === 1 ? 'work' : 'works'}`),
        g.hours.length ? h('ul', { class: 'gallery-hours' }, g.hours.map((o) => h('li', {}, eventHours(o)))) : h('p', { class: 'meta' }, 'No opening hours set.')),
      h('div', { class: 'button-row' },
        h('a', { class: 'button small secondary', href: `#/events/${slug}/galleries/${g.id}/edit`, 'aria-label': `Edit ${g.name}` }, 'Edit'),
        h('a', { class: 'button small secondary', href: `#/events/${slug}/galleries/${g.id}`, 'aria-label': `View ${g.name} as visitors do` }, 'View'),
        button('Delete', () => deleteGallery(g), { class: 'small danger', 'aria-label': `Delete ${g.name}` })))))
    : empty('No galleries yet: create the first one below.', 'p', { id: 'gallery-list' });

  const listStatus = h('div', { class: 'form-status', id: 'gallery-list-status' });
  async function deleteGallery(g) {
    if (!confirm(`Delete the gallery “${g.name}” with its ${g.works} ${g.works === 1 ? 'work' : 'works'} and their files? This cannot be undone.`)) return;
    if (await attempt(listStatus, null, () => api('DELETE', `${base}/galleries/${g.id}`))) {
      announce(`${g.name} deleted`);
      await reload();
    }
  }

  const curatorsHost = h('div', { id: 'curators-host' });
  show(main(),
    crumbs(slug, ev.title),
    h('h1', {}, `Manage the exhibition: ${ev.title}`),
    ev.status === 'DRAFT' ? notice('info', 'The event is a draft: visitors see nothing until it is published, whatever a gallery’s visibility.') : null,
    h('section', { class: 'panel', 'aria-labelledby': 'galleries-h' },
      h('h2', { id: 'galleries-h' }, 'Galleries'),
      h('p', { class: 'meta', id: 'galleries-zone' }, 'Opening hours on the event’s clock: ', h('strong', {}, zoneLabel(ev.timeZone))),
      listStatus, list),
    h('section', { class: 'panel', 'aria-labelledby': 'new-gallery-h' },
      h('h2', { id: 'new-gallery-h' }, 'New gallery'),
      galleryForm(slug, ev.timeZone, null, (saved) => { location.hash = `#/events/${slug}/galleries/${saved.id}/edit`; })),
    curatorsHost);
  try {
    show(curatorsHost, await curatorsPanel(ev, base, reload));
  } catch (e) {
    show(curatorsHost, loadFailed('The curators', e, reload));
  }
}

/** Who curates the event: organisers name and remove curators; curators read the list. */
async function curatorsPanel(ev, base, reload) {
  const curators = await get(`${base}/curator-accounts`);
  const status = h('div', { class: 'form-status', id: 'curator-status' });
  const who = (c) => c.name || `${c.subject} (has not signed in yet)`;
  const list = curators.length
    ? h('ul', { id: 'curator-list' }, curators.map((c) => h('li', { dataset: { subject: c.subject } },
      h('strong', {}, who(c)), c.email ? ` · ${c.email}` : '',
      ev.organiser ? [' ', button('Remove', async () => {
        if (!confirm(`Remove ${who(c)} from the curators?`)) return;
        if (await attempt(status, null, () => api('DELETE', `${base}/curators/${encodeURIComponent(c.subject)}`))) {
          announce(`${who(c)} is no longer a curator`);
          await reload();
        }
      }, { class: 'small secondary', 'aria-label': `Remove curator ${who(c)}` })] : null)))
    : empty('No curators yet: the organisers manage the exhibition.', 'p', { id: 'curator-list' });

  const section = h('section', { class: 'panel', id: 'curators', 'aria-labelledby': 'curators-h' },
    h('h2', { id: 'curators-h' }, 'Curators'),
    h('p', { class: 'meta' }, 'Curators manage the galleries and works of this event, as organisers do.'),
    list, status);
  if (!ev.organiser) return section;

  const add = async (subject, name) => {
    if (await attempt(status, null, () => api('PUT', `${base}/curators/${encodeURIComponent(subject)}`))) {
      announce(`${name} is now a curator`);
      await reload();
    }
  };
  const current = new Set(curators.map((c) => c.subject));
  const results = h('ul', { id: 'curator-results', 'aria-live': 'polite' });
  const search = h('form', { class: 'form', id: 'curator-search', role: 'search' },
    field('Find someone who has signed in (name or e-mail)', h('input', { name: 'q', type: 'search', maxlength: 100 }),
      'Among this event’s registrants, speakers and organisers.'),
    h('button', { type: 'submit', class: 'secondary' }, 'Search'));
  search.addEventListener('submit', async (e) => {
    e.preventDefault();
    await attempt(status, search, async () => {
      const found = await get(`${base}/accounts?q=${encodeURIComponent(formValues(search).q || '')}`);
      show(results, found.length ? found.map((a) => h('li', {}, h('strong', {}, a.name || a.email || 'unnamed account'),
        a.email ? ` · ${a.email}` : '', ' ',
        current.has(a.subject) ? h('span', { class: 'badge' }, 'curator')
          : button('Make curator', () => add(a.subject, a.name || a.email || 'The account'), { class: 'small', 'aria-label': `Make ${a.name || a.email || 'this account'} a curator` })))
        : h('li', {}, 'Nobody found.'));
    });
  });
  const bySubject = h('form', { class: 'form', id: 'curator-subject-form', novalidate: true },
    field('Or give the account’s identifier (its subject at the identity provider)', h('input', { name: 'subject', maxlength: 255, autocomplete: 'off' })),
    h('button', { type: 'submit', class: 'secondary' }, 'Make curator'));
  bySubject.addEventListener('submit', (e) => {
    e.preventDefault();
    const subject = formValues(bySubject).subject;
    if (!subject) {
      show(status, fieldProblem(bySubject, 'subject', 'Give the account’s identifier'));
      return;
    }
    add(subject, subject);
  });
  section.append(search, results, bySubject);
  return section;
}

// ---------------------------------------------------------------------------------------------------------------
// One gallery: its form and its works in order

/** The body a work is saved with, from what the server sent (the curators' view keeps the artists' accounts). */
function workBody(w, changes = {}) {
  return {
    galleryId: w.galleryId, position: w.position, title: w.title,
    artists: w.artists.map((a) => ({ name: a.name, accountSubject: a.accountSubject || null })),
    year: w.year ?? null, medium: w.medium, dimensions: w.dimensions, description: w.description, credits: w.credits,
    contentWarning: w.contentWarning, streamUrl: w.streamUrl, ...changes,
  };
}

/** An image's thumbnail as a data: URL read with the caller's token (drafts are not public). */
async function thumbnail(url) {
  const r = await api('GET', url, undefined, { raw: true });
  const blob = await r.blob();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

function thumbOf(m, alt) {
  const img = h('img', { alt, class: 'editor-thumb', width: 96, height: m.width && m.height ? Math.round(96 * m.height / m.width) : 64 });
  thumbnail(m.urls.thumb).then((src) => { img.src = src; }, () => { img.replaceWith(h('span', { class: 'meta' }, 'thumbnail not loaded')); });
  return img;
}

/** #/events/{slug}/galleries/{id}/edit */
export async function galleryEditorPage(slug, id, focusAfter) {
  const base = `/api/events/${slug}`;
  const doc = await get(`${base}/galleries/${id}`).then((d) => d, (e) => e);
  if (doc instanceof ApiError && (doc.status === 403 || doc.status === 404)) return notACurator(slug, (await eventOf(slug)).title);
  if (doc instanceof Error) throw doc;
  const ev = await eventOf(slug, { title: doc.eventTitle, timeZone: doc.timeZone });
  if (!doc.gallery.mayCurate) return notACurator(slug, ev.title);
  const g = doc.gallery;
  const works = doc.works;
  const reload = (focus) => galleryEditorPage(slug, id, focus);
  const worksStatus = h('div', { class: 'form-status', id: 'works-status' });

  async function move(index, step) {
    const order = works.slice();
    const [moved] = order.splice(index, 1);
    order.splice(index + step, 0, moved);
    const ok = await attempt(worksStatus, null, async () => {
      // positions 0..n-1 in the new order; only the works whose number changes are saved
      for (const [i, w] of order.entries()) {
        if (w.position !== i) await api('PUT', `${base}/works/${w.id}`, workBody(w, { position: i }));
      }
    });
    if (ok) {
      announce(`${moved.title} moved ${step < 0 ? 'up' : 'down'}, now ${index + step + 1} of ${works.length}`);
      await reload(`#move-${step < 0 ? 'up' : 'down'}-${moved.id}`);
    }
  }

  async function deleteWork(w) {
    if (!confirm(`Delete the work “${w.title}” and its files? This cannot be undone.`)) return;
    if (await attempt(worksStatus, null, () => api('DELETE', `${base}/works/${w.id}`))) {
      announce(`${w.title} deleted`);
      await reload();
    }
  }

  const workList = works.length
    ? h('ol', { class: 'editor-list', id: 'work-list' }, works.map((w, i) => {
      const image = w.media.find((m) => m.kind === 'IMAGE');
      return h('li', { class: 'editor-item', dataset: { work: w.id } },
        h('div', { class: 'editor-work' },
          image ? thumbOf(image, '') : h('span', { class: 'editor-thumb no-image' }, 'no image'),
          h('div', {},
            h('h3', {}, h('a', { href: `#/events/${slug}/works/${w.id}/edit` }, w.title)),
            h('p', { class: 'meta' }, [w.artists.map((a) => a.name).join(', '), w.year].filter(Boolean).join(' · ') || 'No artist named',
              ` · ${w.media.length} ${w.media.length === 1 ? 'file' : 'files'}`,
              w.media.some((m) => m.kind === 'IMAGE' && !m.alt) ? ' · an image lacks alt text' : ''),
            w.contentWarning ? h('p', { class: 'meta' }, 'Content warning: ', w.contentWarning) : null)),
        h('div', { class: 'button-row' },
          button('Move up', () => move(i, -1), { class: 'small secondary', id: `move-up-${w.id}`, disabled: i === 0, 'aria-label': `Move up: ${w.title}` }),
          button('Move down', () => move(i, 1), { class: 'small secondary', id: `move-down-${w.id}`, disabled: i === works.length - 1, 'aria-label': `Move down: ${w.title}` }),
          h('a', { class: 'button small secondary', href: `#/events/${slug}/works/${w.id}/edit`, 'aria-label': `Edit ${w.title}` }, 'Edit'),
          button('Delete', () => deleteWork(w), { class: 'small danger', 'aria-label': `Delete ${w.title}` })));
    }))
    : empty('No works in this gallery yet.', 'p', { id: 'work-list' });

  show(main(),
    crumbs(slug, ev.title, h('a', { href: `#/events/${slug}/exhibition/edit` }, 'Manage')),
    h('h1', {}, `Edit gallery: ${g.name}`),
    h('p', { class: 'button-row' }, visibilityBadge(g.visibility),
      h('a', { href: `#/events/${slug}/galleries/${g.id}`, id: 'view-gallery' }, 'View it as visitors do')),
    h('section', { class: 'panel', 'aria-labelledby': 'gallery-h' },
      h('h2', { id: 'gallery-h' }, 'Gallery'),
      galleryForm(slug, ev.timeZone, g, async () => reload('#save-gallery'))),
    h('section', { class: 'panel', 'aria-labelledby': 'works-h' },
      h('h2', { id: 'works-h' }, `Works (${works.length})`),
      worksStatus, workList,
      h('p', {}, h('a', { class: 'button', href: `#/events/${slug}/galleries/${g.id}/works/new`, id: 'add-work' }, 'Add a work'))));
  if (focusAfter) {
    const target = document.querySelector(focusAfter);
    // a button that became disabled (moved to the top or bottom) passes focus to its pair
    const usable = target && !target.disabled ? target : target?.parentElement.querySelector('button:not([disabled])');
    usable?.focus();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// One work: its details, then its media

/** #/events/{slug}/galleries/{gallery}/works/new */
export async function newWorkPage(slug, galleryId) {
  return workEditorPage(slug, null, galleryId);
}

/** #/events/{slug}/works/{id}/edit: curators edit everything, a work's own artists all but gallery, order and artists. */
export async function workEditorPage(slug, id, galleryId) {
  const base = `/api/events/${slug}`;
  const [exhibition, work] = await Promise.all([get(`${base}/exhibition`),
    id ? get(`${base}/works/${id}`).then((w) => w, (e) => e) : null]);
  const ev = await eventOf(slug, exhibition);
  if (work instanceof Error && !(work instanceof ApiError && (work.status === 403 || work.status === 404))) throw work;
  const curates = exhibition.mayCurate;
  if (work instanceof Error || (work && !work.mayEdit) || (!work && !curates)) {
    show(main(), crumbs(slug, ev.title), h('h1', {}, 'Edit a work'),
      notice('info', 'Only this work’s artists and the event’s curators may change it.'),
      h('p', {}, h('a', { href: `#/events/${slug}/exhibition` }, 'Visit the exhibition')));
    return;
  }
  const gallery = exhibition.galleries.find((g) => String(g.id) === String(work?.galleryId ?? galleryId));
  const backTo = curates && gallery ? `#/events/${slug}/galleries/${gallery.id}/edit` : `#/events/${slug}/galleries/${work?.galleryId ?? galleryId}`;
  show(main(),
    crumbs(slug, ev.title, curates ? h('a', { href: `#/events/${slug}/exhibition/edit` }, 'Manage') : null,
      gallery ? h('a', { href: backTo }, gallery.name) : null),
    h('h1', {}, work ? `Edit work: ${work.title}` : 'Add a work'),
    !curates ? notice('info', 'You are credited as an artist of this work: you may change its details and files. Its gallery, order and artists are the curators’.') : null,
    h('section', { class: 'panel', 'aria-labelledby': 'work-h' },
      h('h2', { id: 'work-h' }, 'Details'),
      workForm(slug, work, curates, exhibition.galleries, Number(galleryId), async (saved) => {
        if (work) await workEditorPage(slug, work.id);
        else location.hash = `#/events/${slug}/works/${saved.id}/edit`;
      })),
    work ? mediaPanel(slug, work, () => workEditorPage(slug, work.id)) : h('p', { class: 'meta' }, 'Images, audio, video and documents are added once the work is created.'),
    h('p', {}, h('a', { href: backTo, id: 'back-to-gallery' }, curates ? 'Back to the gallery’s works' : 'Back to the gallery')));
}

function workForm(slug, work, curates, galleries, galleryId, onSaved) {
  const artistRows = h('ol', { class: 'artist-rows', id: 'artist-rows' });
  let counter = 0;
  function artistRow(a = { name: '', accountSubject: '' }) {
    const n = ++counter;
    const row = h('li', { class: 'row artist-row' },
      field(`Artist ${n}: name`, h('input', { name: `artist-name-${n}`, class: 'artist-name', maxlength: 200, value: a.name || '' })),
      field(`Artist ${n}: account (optional)`, h('input', { name: `artist-account-${n}`, class: 'artist-account', maxlength: 255, autocomplete: 'off', value: a.accountSubject || '' }),
        'The account’s identifier: that person may then edit this work.'),
      button('Remove', () => { row.remove(); announce('Artist removed'); addArtist.focus(); }, { class: 'small secondary', 'aria-label': `Remove artist ${n}` }));
    return row;
  }
  const addArtist = button('Add an artist', () => {
    const row = artistRow();
    artistRows.append(row);
    row.querySelector('input').focus();
  }, { class: 'small secondary', id: 'add-artist' });
  if (curates) {
    for (const a of work?.artists || []) artistRows.append(artistRow(a));
    if (!artistRows.children.length) artistRows.append(artistRow());
  }

  const status = h('div', { class: 'form-status', id: 'work-status' });
  const form = h('form', { class: 'form', id: 'work-form', novalidate: true },
    curates ? h('div', { class: 'row' },
      field('Gallery', h('select', { name: 'galleryId' }, galleries.map((g) => h('option', { value: String(g.id), selected: g.id === (work?.galleryId ?? galleryId) }, g.name)))),
      field('Order', h('input', { name: 'position', type: 'number', min: 0, value: String(work?.position ?? 0) }))) : null,
    field('Title', h('input', { name: 'title', required: true, maxlength: 300, value: work?.title || '' })),
    curates
      ? h('fieldset', { class: 'artists-fieldset' }, h('legend', {}, 'Artists'), artistRows, addArtist)
      : h('p', {}, h('strong', {}, 'Artists: '), (work?.artists || []).map((a) => a.name).join(', ')),
    h('div', { class: 'row' },
      field('Year', h('input', { name: 'year', type: 'number', min: -10000, max: 3000, value: work?.year ?? '' })),
      field('Medium', h('input', { name: 'medium', maxlength: 300, value: work?.medium || '', placeholder: 'Oil on canvas' })),
      field('Dimensions', h('input', { name: 'dimensions', maxlength: 200, value: work?.dimensions || '', placeholder: '120 × 90 cm' }))),
    field('Description', h('textarea', { name: 'description', rows: 5, maxlength: 20000 }, work?.description || '')),
    field('Credits', h('textarea', { name: 'credits', rows: 2, maxlength: 5000 }, work?.credits || '')),
    field('Content warning', h('input', { name: 'contentWarning', maxlength: 500, value: work?.contentWarning || '' }),
      'Visitors read this first and see the work only when they choose to. Leave empty when none is needed.'),
    field('Video stream URL', h('input', { name: 'streamUrl', type: 'url', maxlength: 2000, value: work?.streamUrl || '', placeholder: 'https://stream.example.org/work.m3u8' }),
      'A video shown from elsewhere, as on a stage; or upload a video file below.'),
    status,
    h('button', { type: 'submit', id: 'save-work' }, work ? 'Save work' : 'Create work'));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    if (!v.title) {
      show(status, fieldProblem(form, 'title', 'Title is required'));
      return;
    }
    if (v.year && !/^-?\d+$/.test(v.year)) {
      show(status, fieldProblem(form, 'year', 'Year is a whole number, such as 2025'));
      return;
    }
    const artists = [];
    for (const row of artistRows.children) {
      const name = row.querySelector('.artist-name');
      const account = row.querySelector('.artist-account').value.trim();
      if (!name.value.trim() && !account) continue;
      if (!name.value.trim()) {
        show(status, fieldProblem(form, name.name, 'An artist needs a name'));
        return;
      }
      artists.push({ name: name.value.trim(), accountSubject: account || null });
    }
    const body = {
      galleryId: curates ? Number(v.galleryId) : work.galleryId,
      position: curates ? Number(v.position || 0) : null,
      title: v.title, artists: curates ? artists : null, year: v.year ? Number(v.year) : null,
      medium: v.medium || null, dimensions: v.dimensions || null, description: v.description || null,
      credits: v.credits || null, contentWarning: v.contentWarning || null, streamUrl: v.streamUrl || null,
    };
    await attempt(status, form, async () => {
      const saved = work ? await api('PUT', `/api/events/${slug}/works/${work.id}`, body) : await api('POST', `/api/events/${slug}/works`, body);
      announce(work ? 'Work saved' : 'Work created');
      await onSaved(saved);
    });
  });
  return form;
}

const KINDS = { IMAGE: 'Image', AUDIO: 'Audio', VIDEO: 'Video', DOCUMENT: 'Document (PDF)' };

/** Upload problems next to the field they concern, in the page's words; the server's detail for the rest. */
function mediaProblem(e, form) {
  if (!(e instanceof ApiError)) return problemBox(e, form);
  if (e.code === 'media.alt-required') {
    return fieldProblem(form, 'alt', 'The server refused the file: it is an image, and an image needs alt text. Describe what it shows.');
  }
  if (e.code.startsWith('media.') || e.code.startsWith('upload.')) {
    const detected = e.problem.detected ? ` (it is ${e.problem.detected})` : '';
    return fieldProblem(form, 'file', `${uploadProblem(e)}${detected}`);
  }
  return problemBox(e, form);
}

/**
 * Saves a work's file: read with the caller's token (a draft gallery's files are not public), handed to the browser
 * as a download. The name is the server's, never the uploader's.
 */
async function download(m, status) {
  try {
    const r = await api('GET', m.urls.original, undefined, { raw: true });
    const name = /filename="([^"]+)"/.exec(r.headers.get('Content-Disposition') || '')?.[1] || `media-${m.id}`;
    const url = URL.createObjectURL(await r.blob());
    const a = h('a', { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (e) {
    show(status, problemBox(e));
  }
}

function mediaPanel(slug, work, reload) {
  const status = h('div', { class: 'form-status', id: 'media-status' });
  const listStatus = h('div', { class: 'form-status', id: 'media-list-status' });
  const list = work.media.length
    ? h('ul', { class: 'editor-list', id: 'media-list' }, work.media.map((m) => h('li', { class: 'editor-item', dataset: { media: m.id } },
      h('div', { class: 'editor-work' },
        m.kind === 'IMAGE' ? thumbOf(m, m.alt || '') : h('span', { class: 'editor-thumb no-image' }, KINDS[m.kind] || m.kind),
        h('div', {},
          h('p', {}, h('strong', {}, KINDS[m.kind] || m.kind), ` · ${m.mediaType} · ${Math.max(1, Math.round(m.size / 1024))} KB`,
            m.width ? ` · ${m.width} × ${m.height}` : ''),
          m.kind === 'IMAGE' ? h('p', { class: 'meta media-alt' }, 'Alt text: ', m.alt) : null,
          m.kind !== 'IMAGE' ? h('p', {}, button('Download', () => download(m, listStatus), { class: 'small secondary', 'aria-label': `Download ${(KINDS[m.kind] || 'file').toLowerCase()}` })) : null)),
      button('Remove', async () => {
        if (!confirm(`Remove this ${(KINDS[m.kind] || 'file').toLowerCase()} from the work?`)) return;
        if (await attempt(listStatus, null, () => api('DELETE', `/api/events/${slug}/media/${m.id}`))) {
          announce('File removed');
          await reload();
        }
      }, { class: 'small danger', 'aria-label': `Remove ${(KINDS[m.kind] || 'file').toLowerCase()}${m.alt ? `: ${m.alt}` : ''}` }))))
    : empty('No files yet.', 'p', { id: 'media-list' });

  const file = h('input', { type: 'file', name: 'file', accept: 'image/png,image/jpeg,audio/*,video/mp4,video/webm,video/ogg,application/pdf' });
  const alt = h('textarea', { name: 'alt', rows: 2, maxlength: 1000 });
  const form = h('form', { class: 'form', id: 'media-form', novalidate: true },
    field('File', file, 'A PNG or JPEG image, audio (MP3, Ogg, WAV, FLAC, M4A), video (MP4, WebM, Ogg) or a PDF.'),
    field('Alt text (required for an image)', alt, 'What the image shows, for people who cannot see it.'),
    status,
    h('button', { type: 'submit', id: 'upload-media' }, 'Upload'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = file.files[0];
    if (!chosen) {
      show(status, fieldProblem(form, 'file', 'Choose a file to upload'));
      return;
    }
    const image = /^image\//.test(chosen.type);
    const text = alt.value.trim();
    if (image && !text) {
      show(status, fieldProblem(form, 'alt', 'Alt text is required for an image: describe what it shows.'));
      return;
    }
    const path = `/api/events/${slug}/works/${work.id}/media${text ? `?alt=${encodeURIComponent(text)}` : ''}`;
    try {
      await sendFile('POST', path, image ? await prepareImage(chosen) : chosen);
      announce('File uploaded');
      await reload();
      document.getElementById('media-h')?.focus();
    } catch (err) {
      show(status, mediaProblem(err, form));
    }
  });

  return h('section', { class: 'panel', id: 'media', 'aria-labelledby': 'media-h' },
    h('h2', { id: 'media-h', tabindex: '-1' }, 'Images, audio, video and documents'),
    listStatus, list,
    h('h3', {}, 'Add a file'), form);
}

// The exhibition: an event's galleries with their opening hours on the viewer's clock (the server converts them, with
// the day shift when the viewer's date differs from the event's), a gallery's works as a grid, and one work at a time
// in a viewer: arrows move between works, Escape closes it and returns focus to the work's tile, a content warning is
// clicked through before the image loads, images zoom to their large size, audio and video play in place, and below
// the work its guestbook with reactions and presence (its live room, js/guestbook.js).
import { h, show, notice, button, announce } from '../dom.js';
import { api, get } from '../api.js';
import { shortDay, zoneFor, zoneLabel } from '../time.js';
import { problemBox } from '../widgets.js';
import { guestbook } from '../guestbook.js';

const main = () => document.getElementById('main');

function crumbs(slug, title, ...more) {
  return h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Events'), ' › ', h('a', { href: `#/events/${slug}` }, title),
    more.map((m) => [' › ', m]));
}

/** "Tue 11 May 23:00 – Wed 12 May 07:00" from the server's viewer-zone times ("2027-05-11T23:00:00+01:00"). */
function hoursText(hours) {
  const d1 = hours.opens.slice(0, 10);
  const d2 = hours.closes.slice(0, 10);
  const t1 = hours.opens.slice(11, 16);
  const t2 = hours.closes.slice(11, 16);
  return d1 === d2 ? `${shortDay(d1)} ${t1}–${t2}` : `${shortDay(d1)} ${t1} – ${shortDay(d2)} ${t2}`;
}

/** The hours of a gallery as a list; where the viewer's date differs from the event's, the event's is said beside it. */
function hoursList(gallery, eventZone) {
  if (!gallery.hours.length) return h('p', { class: 'meta' }, 'No opening hours set.');
  return h('ul', { class: 'gallery-hours' }, gallery.hours.map((o) => h('li', {},
    h('span', { class: 'hours-viewer' }, hoursText(o)),
    o.dayShift !== 0
      ? h('span', { class: 'meta hours-event' },
        ` (${shortDay(o.eventOpens.slice(0, 10))} ${o.eventOpens.slice(11, 16)} in ${eventZone}: ${o.dayShift < 0 ? 'a day earlier' : 'a day later'} for you)`)
      : null)));
}

function openBadge(gallery) {
  return gallery.openNow
    ? h('span', { class: 'badge badge-published open-now' }, 'open now')
    : h('span', { class: 'badge badge-draft open-now' }, 'closed now');
}

async function withZone(slug, path) {
  const zone = await zoneFor(slug);
  return { zone, doc: await get(`${path}?tz=${encodeURIComponent(zone)}`) };
}

export async function exhibitionPage(slug) {
  let zone;
  let doc;
  try {
    ({ zone, doc } = await withZone(slug, `/api/events/${slug}/exhibition`));
  } catch (e) {
    show(main(), h('h1', {}, 'Exhibition'), problemBox(e));
    return;
  }
  document.title = `Exhibition · ${doc.title} · Atrium`;
  show(main(),
    crumbs(slug, doc.title),
    h('h1', {}, `Exhibition: ${doc.title}`),
    h('p', { class: 'meta', id: 'exhibition-zone' }, 'Opening hours in your time zone: ', h('strong', {}, zoneLabel(zone))),
    doc.mayCurate ? h('p', {}, h('a', { class: 'button secondary', href: `#/events/${slug}/exhibition/edit`, id: 'manage-exhibition' }, 'Manage the exhibition')) : null,
    doc.galleries.length === 0 ? notice('info', 'No gallery is open to visitors yet.') : null,
    h('ul', { class: 'cards', id: 'galleries' }, doc.galleries.map((g) => h('li', { class: 'card', dataset: { gallery: g.id } },
      h('h2', {}, h('a', { href: `#/events/${slug}/galleries/${g.id}` }, g.name)),
      h('p', {}, openBadge(g), g.entry === 'listed' ? [' ', h('span', { class: 'badge badge-pending' }, 'registered participants')] : null),
      g.statement ? h('p', { class: 'statement' }, g.statement) : null,
      hoursList(g, doc.timeZone),
      g.entry === 'full' ? h('p', { class: 'meta' }, `${g.works} ${g.works === 1 ? 'work' : 'works'}`) : null))));
}

/** The source of an image variant: direct for a published gallery, else read with the caller's token (a data: URL). */
async function imageSource(url, shared) {
  if (shared) return url;
  const r = await api('GET', url, undefined, { raw: true });
  const blob = await r.blob();
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.readAsDataURL(blob);
  });
}

export async function galleryPage(slug, id) {
  let zone;
  let doc;
  try {
    ({ zone, doc } = await withZone(slug, `/api/events/${slug}/galleries/${id}`));
  } catch (e) {
    show(main(), crumbs(slug, 'Event', h('a', { href: `#/events/${slug}/exhibition` }, 'Exhibition')), h('h1', {}, 'Gallery'), problemBox(e));
    return;
  }
  const g = doc.gallery;
  const shared = g.visibility === 'PUBLISHED';
  const works = doc.works;
  const revealed = new Set();
  document.title = `${g.name} · ${doc.eventTitle} · Atrium`;

  const tiles = works.map((w, i) => {
    const image = w.media.find((m) => m.kind === 'IMAGE');
    const thumb = h('span', { class: 'work-thumb' });
    if (w.contentWarning) {
      thumb.append(h('span', { class: 'work-warning-thumb' }, 'Content warning'));
    } else if (image) {
      const img = h('img', { alt: '', loading: 'lazy', decoding: 'async', width: 320, height: Math.round(320 * image.height / image.width) });
      imageSource(image.urls.thumb, shared).then((src) => { img.src = src; }, () => {});
      thumb.append(img);
    }
    return h('li', {}, h('button', {
      type: 'button', class: 'work-tile', id: `work-tile-${w.id}`, dataset: { index: i },
      on: { click: () => open(i) },
    }, thumb, h('span', { class: 'work-title' }, w.title), h('span', { class: 'meta' }, w.artists.map((a) => a.name).join(', '))),
    // curators, and a work's own artists, may edit it (the server says so per work: mayEdit)
    w.mayEdit ? editLink(w) : null);
  });

  function editLink(w) {
    return h('a', { class: 'button small secondary edit-work', href: `#/events/${slug}/works/${w.id}/edit`, dataset: { work: w.id } },
      'Edit', h('span', { class: 'visually-hidden' }, `: ${w.title}`));
  }

  const viewer = h('section', { class: 'work-viewer', id: 'work-viewer', hidden: true, role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'work-title', tabindex: '-1' });
  let current = -1;
  /** The open work's guestbook (its live room), left when the viewer moves on or closes. */
  let book = null;

  function leaveRoom() {
    book?.close();
    book = null;
  }

  function close() {
    const index = current;
    current = -1;
    leaveRoom();
    viewer.hidden = true;
    show(viewer);
    document.getElementById(`work-tile-${works[index]?.id}`)?.focus();
  }

  function move(step) {
    if (current < 0) return;
    const next = (current + step + works.length) % works.length;
    open(next, true);
  }

  function mediaOf(w) {
    const out = h('div', { class: 'work-media' });
    for (const m of w.media) {
      if (m.kind === 'IMAGE') {
        const img = h('img', { alt: m.alt, class: 'work-image', width: m.width, height: m.height });
        const zoom = button('Zoom in', () => {
          const zoomed = frame.classList.toggle('zoomed');
          zoom.setAttribute('aria-pressed', String(zoomed));
          zoom.textContent = zoomed ? 'Zoom out' : 'Zoom in';
          imageSource(zoomed ? m.urls.large : m.urls.medium, shared).then((src) => { img.src = src; });
        }, { class: 'small secondary zoom', 'aria-pressed': 'false' });
        const frame = h('div', { class: 'image-frame' }, img);
        imageSource(m.urls.medium, shared).then((src) => { img.src = src; }, () => {});
        out.append(h('figure', {}, frame, h('figcaption', { class: 'button-row' }, zoom)));
      } else if (m.kind === 'AUDIO') {
        out.append(h('audio', { controls: true, preload: 'none', src: m.urls.original }));
      } else if (m.kind === 'VIDEO') {
        out.append(h('video', { controls: true, preload: 'none', src: m.urls.original, class: 'work-video' }));
      } else {
        out.append(h('p', {}, h('a', { href: m.urls.original }, 'Read the document (PDF)')));
      }
    }
    if (w.streamUrl) out.append(h('p', {}, h('a', { href: w.streamUrl, rel: 'noopener noreferrer', target: '_blank' }, 'Watch the stream')));
    return out;
  }

  function open(index, keepFocusInViewer = false) {
    current = index;
    const w = works[index];
    if (book?.work !== w.id) { // the same work re-rendered (its warning clicked through) keeps its room
      leaveRoom();
      book = guestbook(w);
    }
    const warned = w.contentWarning && !revealed.has(w.id);
    const body = warned
      ? h('div', { class: 'content-warning', id: 'content-warning' },
        h('p', {}, h('strong', {}, 'Content warning: '), w.contentWarning),
        button('Show the work', () => { revealed.add(w.id); open(index); viewer.querySelector('.work-media img, .work-media audio, .work-media video')?.closest('figure')?.querySelector('button')?.focus(); }, { id: 'reveal-work' }))
      : mediaOf(w);
    show(viewer,
      h('div', { class: 'viewer-bar button-row' },
        button('‹ Previous', () => move(-1), { class: 'small secondary', id: 'prev-work', 'aria-label': 'Previous work' }),
        h('span', { class: 'meta', id: 'work-position' }, `Work ${index + 1} of ${works.length}`),
        button('Next ›', () => move(1), { class: 'small secondary', id: 'next-work', 'aria-label': 'Next work' }),
        button('Close', close, { class: 'small', id: 'close-work' })),
      h('h2', { id: 'work-title', tabindex: '-1' }, w.title),
      h('p', { class: 'meta' }, [w.artists.map((a) => a.name).join(', '), w.year, w.medium, w.dimensions].filter(Boolean).join(' · ')),
      body,
      w.description ? h('p', { class: 'work-description' }, w.description) : null,
      w.credits ? h('p', { class: 'meta' }, w.credits) : null,
      w.mayEdit ? h('p', {}, editLink(w)) : null,
      book.el);
    viewer.hidden = false;
    announce(`${w.title}, work ${index + 1} of ${works.length}`);
    if (!keepFocusInViewer || !viewer.contains(document.activeElement)) {
      (warned ? viewer.querySelector('#reveal-work') : viewer.querySelector('#work-title')).focus();
    } else {
      viewer.querySelector('#work-title').focus();
    }
  }

  viewer.addEventListener('keydown', (e) => {
    // arrows move the caret while writing in the guestbook, not to another work
    const writing = e.target.matches?.('textarea, input:not([type=checkbox]), select');
    if (e.key === 'Escape') { e.preventDefault(); close(); }
    else if (writing) return;
    else if (e.key === 'ArrowRight') { e.preventDefault(); move(1); }
    else if (e.key === 'ArrowLeft') { e.preventDefault(); move(-1); }
  });

  show(main(),
    crumbs(slug, doc.eventTitle, h('a', { href: `#/events/${slug}/exhibition` }, 'Exhibition')),
    h('h1', {}, g.name),
    h('p', { class: 'button-row' }, openBadge(g),
      g.mayCurate ? h('a', { class: 'button small secondary', href: `#/events/${slug}/galleries/${g.id}/edit`, id: 'edit-gallery' }, 'Edit this gallery') : null),
    g.statement ? h('p', { class: 'statement' }, g.statement) : null,
    h('section', { class: 'panel', 'aria-labelledby': 'hours-h' },
      h('h2', { id: 'hours-h' }, 'Opening hours'),
      h('p', { class: 'meta', id: 'gallery-zone' }, 'In your time zone: ', h('strong', {}, zoneLabel(zone))),
      hoursList(g, doc.timeZone)),
    h('h2', { id: 'works-h' }, 'Works'),
    works.length ? h('ul', { class: 'works-grid', id: 'works', 'aria-labelledby': 'works-h' }, tiles) : notice('info', 'No works in this gallery yet.'),
    viewer);

  const asked = new URLSearchParams(location.hash.split('?')[1] || '').get('work');
  const start = works.findIndex((w) => String(w.id) === asked);
  if (start >= 0) open(start);
  return leaveRoom;
}

// Atrium's browser UI: a hash-routed single page app of plain ES modules. No HTML strings: see dom.js.
import { h, show, notice, button, busy } from './dom.js';
import { currentUser, finishSignIn, signIn, signOut, uiConfig } from './auth.js';
import { eventList, eventHome, eventEditor } from './pages/events.js';
import { programmePage } from './pages/programme.js';
import { canCreateEvents } from './me.js';
import { applyBranding } from './branding.js';

const routes = [
  [/^#?\/?$/, () => eventList()],
  [/^#\/events\/new$/, () => eventEditor(null)],
  [/^#\/events\/([a-z0-9-]+)$/, (slug) => eventHome(slug)],
  [/^#\/events\/([a-z0-9-]+)\/edit$/, (slug) => eventEditor(slug)],
  [/^#\/events\/([a-z0-9-]+)\/programme$/, (slug) => programmePage(slug)],
];

/** Optional pages registered by modules that load on demand (registration, live rooms, organiser consoles). */
const lazyRoutes = [
  [/^#\/events\/([a-z0-9-]+)\/register$/, './pages/registration.js', 'registrationPage'],
  [/^#\/events\/([a-z0-9-]+)\/registrations$/, './pages/registration.js', 'registrationsAdminPage'],
  [/^#\/events\/([a-z0-9-]+)\/sessions\/(\d+)$/, './pages/live.js', 'sessionPage'],
  [/^#\/events\/([a-z0-9-]+)\/sessions\/(\d+)\/moderate$/, './pages/live.js', 'moderationPage'],
  [/^#\/events\/([a-z0-9-]+)\/sessions\/(\d+)\/projector$/, './pages/live.js', 'projectorPage'],
  [/^#\/events\/([a-z0-9-]+)\/sessions\/(\d+)\/engagement$/, './pages/engagement.js', 'engagementPage'],
  [/^#\/events\/([a-z0-9-]+)\/invitations\/([A-Za-z0-9_-]{20,100})$/, './pages/invitation.js', 'invitationPage'],
  [/^#\/events\/([a-z0-9-]+)\/speakers$/, './pages/speakers.js', 'speakersPage'],
  [/^#\/events\/([a-z0-9-]+)\/speakers\/(\d+)$/, './pages/speakers.js', 'speakerPage'],
  [/^#\/events\/([a-z0-9-]+)\/sessions\/(\d+)\/about$/, './pages/speakers.js', 'sessionDetailPage'],
  [/^#\/notifications$/, './pages/notifications.js', 'notificationsPage'],
  [/^#\/events\/([a-z0-9-]+)\/exhibition$/, './pages/exhibition.js', 'exhibitionPage'],
  [/^#\/events\/([a-z0-9-]+)\/galleries\/(\d+)$/, './pages/exhibition.js', 'galleryPage'],
  [/^#\/events\/([a-z0-9-]+)\/exhibition\/edit$/, './pages/curator.js', 'exhibitionEditorPage'],
  [/^#\/events\/([a-z0-9-]+)\/galleries\/(\d+)\/edit$/, './pages/curator.js', 'galleryEditorPage'],
  [/^#\/events\/([a-z0-9-]+)\/galleries\/(\d+)\/works\/new$/, './pages/curator.js', 'newWorkPage'],
  [/^#\/events\/([a-z0-9-]+)\/works\/(\d+)\/edit$/, './pages/curator.js', 'workEditorPage'],
];

let cleanup = null;

/** Pages may return a function to run when the user leaves them (closing sockets, timers). */
function route() {
  const main = document.getElementById('main');
  main.setAttribute('aria-busy', 'true');
  return busy(render(main)).finally(() => main.removeAttribute('aria-busy'));
}

async function render(main) {
  if (typeof cleanup === 'function') cleanup();
  cleanup = null;
  document.body.classList.remove('projector-mode', 'stage-mode');
  renderAccount();
  const hash = (location.hash || '#/').split('?')[0];
  applyBranding(hash).catch(() => {}); // the event's logo and accent colour, while the page loads
  try {
    for (const [pattern, page] of routes) {
      const m = hash.match(pattern);
      if (m) {
        cleanup = await page(...m.slice(1));
        return focusTop();
      }
    }
    for (const [pattern, module, name] of lazyRoutes) {
      const m = hash.match(pattern);
      if (m) {
        const mod = await import(module);
        cleanup = await mod[name](...m.slice(1));
        return focusTop();
      }
    }
    show(main, h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the events')));
    document.title = 'Not found · Atrium';
  } catch (e) {
    show(main, h('h1', {}, 'Something went wrong'), notice('error', e.message || String(e)));
  }
  focusTop();
}

/**
 * After a route change, focus goes to the top of the document, on a hidden line naming the new page (screen readers
 * read it), so that the first Tab reaches the skip link and then the header, as on a freshly loaded page.
 */
function focusTop() {
  document.body.dataset.route = location.hash || '#/';
  const heading = document.querySelector('#main h1');
  const title = heading ? heading.textContent : 'Atrium';
  if (heading) document.title = `${title} · Atrium`;
  const top = document.getElementById('route-focus');
  top.textContent = title;
  top.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

function renderAccount() {
  const box = document.getElementById('account');
  const user = currentUser();
  if (user) {
    show(box,
      h('span', { class: 'who', id: 'signed-in-as' }, user.name),
      button('Sign out', () => { signOut(); route(); }, { class: 'link-button', id: 'sign-out' }));
  } else {
    show(box, button('Sign in', () => signIn().catch(signInUnavailable), { id: 'sign-in' }));
  }
  const nav = document.getElementById('nav');
  show(nav, h('a', { href: '#/' }, 'Events'));
  // only for people who may create events (GET /api/me); the server refuses the others anyway
  if (user) canCreateEvents().then((may) => { if (may && !nav.querySelector('#nav-new-event')) nav.append(h('a', { href: '#/events/new', id: 'nav-new-event' }, 'New event')); });
}

/** Sign-in could not start (the identity provider is unreachable): says so above the page; clicking again retries. */
function signInUnavailable(e) {
  document.getElementById('sign-in-error')?.remove();
  const box = notice('error', e.message || String(e));
  box.id = 'sign-in-error';
  document.getElementById('main').prepend(box);
}

async function start() {
  document.getElementById('skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    const main = document.getElementById('main');
    (main.querySelector('h1') || main).setAttribute('tabindex', '-1');
    (main.querySelector('h1') || main).focus();
  });
  try {
    const target = await finishSignIn();
    if (target) location.hash = target;
  } catch (e) {
    show(document.getElementById('main'), h('h1', {}, 'Sign-in failed'), notice('error', e.message),
      h('p', {}, button('Try again', () => signIn('#/'))));
    renderAccount();
    return;
  }
  uiConfig().catch(() => {});
  window.addEventListener('hashchange', route);
  await route();
  document.body.dataset.ready = 'true';
}

start();

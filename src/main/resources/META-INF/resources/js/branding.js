// An event's visual identity on its pages: the organisers' accent colour as the --accent and --accent-soft custom
// properties (the server checked its contrast, event/Branding), and their logo in the header. Elsewhere, Atrium's own.
import { h, show, notice, field, button, announce } from './dom.js';
import { get, put, del, problemLines } from './api.js';
import { putImage, uploadProblem, imageLimits } from './upload.js';

const events = new Map(); // slug -> Promise of the event, for this page load (forget() after a change)

/** The share of the accent in --accent-soft, the rest white: the same as event/Branding.TINT_SHARE. */
const TINT_SHARE = 0.1;

export function tint(hex) {
  const v = parseInt(hex.slice(1), 16);
  return `#${[16, 8, 0].map((s) => Math.round(255 * (1 - TINT_SHARE) + ((v >> s) & 255) * TINT_SHARE).toString(16).padStart(2, '0')).join('')}`;
}

export function forget(slug) {
  events.delete(slug);
}

/** Applies the branding of the event the route is inside (#/events/{slug}/...), or removes any. */
export async function applyBranding(hash) {
  const m = /^#\/events\/([a-z0-9-]+)/.exec(hash || '');
  const slug = m && m[1] !== 'new' ? m[1] : null;
  let ev = null;
  if (slug) {
    // an event that cannot be read is shown unbranded (its page says why); the failure is not remembered
    if (!events.has(slug)) events.set(slug, get(`/api/events/${slug}`).catch(() => { events.delete(slug); return undefined; }));
    ev = await events.get(slug);
  }
  const root = document.documentElement;
  if (ev?.accentColour) {
    root.style.setProperty('--accent', ev.accentColour);
    root.style.setProperty('--accent-soft', tint(ev.accentColour));
    root.dataset.eventAccent = ev.accentColour;
  } else {
    root.style.removeProperty('--accent');
    root.style.removeProperty('--accent-soft');
    delete root.dataset.eventAccent;
  }
  document.getElementById('event-logo')?.remove();
  if (ev?.logoUrl) {
    document.querySelector('.top .brand')?.after(h('a', { href: `#/events/${ev.slug}`, id: 'event-logo', class: 'event-logo' },
      h('img', { src: ev.logoUrl, alt: ev.title })));
  }
}

/** The organisers' panel on the event editor: logo and accent colour, with the server's contrast verdict. */
export async function brandingPanel(ev) {
  const slug = ev.slug;
  const limits = await imageLimits();
  const status = h('div', { class: 'form-status', id: 'branding-status' });
  const preview = h('div', { class: 'brand-preview', id: 'brand-preview' });
  const colour = h('input', { type: 'color', id: 'accent-colour', value: ev.accentColour || '#0b5cad', 'aria-label': 'Pick the accent colour' });
  const hex = h('input', { type: 'text', id: 'accent-hex', value: ev.accentColour || '', placeholder: '#0b5cad', pattern: '#[0-9a-fA-F]{6}', maxlength: 7, size: 8, autocomplete: 'off' });
  colour.addEventListener('input', () => { hex.value = colour.value; paint(); });
  hex.addEventListener('input', () => { if (/^#[0-9a-fA-F]{6}$/.test(hex.value)) colour.value = hex.value.toLowerCase(); paint(); });
  const logoInput = h('input', { type: 'file', id: 'logo-file', accept: 'image/png,image/jpeg', class: 'visually-hidden', tabindex: '-1', 'aria-hidden': 'true' });
  const logoHost = h('div', { class: 'logo-current', id: 'logo-current' });
  let current = ev;

  function paint() {
    const c = /^#[0-9a-fA-F]{6}$/.test(hex.value) ? hex.value : '#0b5cad';
    show(preview,
      h('span', { class: 'button preview-button', style: { '--accent': c, background: c, 'border-color': c } }, 'Button'),
      h('span', { class: 'preview-link', style: { color: c } }, 'A link'),
      h('span', { class: 'badge', style: { color: c, background: tint(c) } }, 'badge'));
  }
  function renderLogo() {
    const choose = document.getElementById('logo-choose');
    if (choose) choose.textContent = current.logoUrl ? 'Change logo' : 'Upload a logo';
    show(logoHost, current.logoUrl ? h('img', { src: current.logoUrl, alt: `${current.title} logo`, id: 'logo-preview' }) : h('span', { class: 'meta' }, 'No logo.'));
  }
  async function done(saved, message) {
    current = saved;
    forget(slug);
    renderLogo();
    show(status, notice('success', message));
    announce(message);
    await applyBranding(location.hash);
  }
  logoInput.addEventListener('change', async () => {
    const file = logoInput.files?.[0];
    if (!file) return;
    show(status, h('p', { class: 'meta', role: 'status' }, 'Uploading…'));
    try {
      await done(await putImage(`/api/events/${slug}/logo`, file), 'Logo saved.');
    } catch (e) {
      show(status, notice('error', uploadProblem(e)));
    }
    logoInput.value = '';
  });

  async function saveColour(value) {
    show(status, h('p', { class: 'meta', role: 'status' }, 'Saving…'));
    try {
      await done(await put(`/api/events/${slug}/branding`, { accentColour: value }), value ? 'Accent colour saved.' : 'Back to Atrium’s colours.');
    } catch (e) {
      show(status, notice('error', problemLines(e)[0]));
    }
  }

  paint();
  renderLogo();
  return h('section', { class: 'panel', 'aria-labelledby': 'brand-h', id: 'branding-panel' },
    h('h2', { id: 'brand-h' }, 'Look of the event pages'),
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('span', { class: 'label', id: 'logo-label' }, 'Logo'), logoHost,
        h('div', { class: 'button-row' },
          button(ev.logoUrl ? 'Change logo' : 'Upload a logo', () => logoInput.click(), { class: 'secondary small', id: 'logo-choose', 'aria-describedby': 'logo-label' }),
          logoInput,
          button('Remove logo', async () => {
            try { await done(await del(`/api/events/${slug}/logo`), 'Logo removed.'); } catch (e) { show(status, notice('error', problemLines(e)[0])); }
          }, { class: 'small danger', id: 'logo-remove' })),
        h('small', { class: 'hint' }, `PNG or JPEG; shown in the header of the event’s pages, at most ${limits.imageMaxSide} pixels wide.`)),
      h('div', { class: 'field' },
        h('label', { for: 'accent-hex' }, 'Accent colour'),
        h('div', { class: 'accent-pick' }, colour, hex),
        h('small', { class: 'hint', id: 'accent-hint' }, 'Buttons and links of the event’s pages. It must keep a contrast of 4.5:1 with white and the page background.'),
        preview,
        h('div', { class: 'button-row' },
          button('Save colour', () => saveColour(hex.value.trim() || null), { class: 'small', id: 'save-accent' }),
          button('Use Atrium’s colours', () => saveColour(null), { class: 'small secondary', id: 'reset-accent' })))),
    status);
}

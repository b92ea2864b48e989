// A work's live room in the gallery viewer (protocol: src/docs/live-protocol.md, "Work rooms"): the guestbook (the
// room's Q&A: entries pending while pre-moderation holds them, anonymous to other visitors when asked), reactions and
// "N people here". Curators and organisers (the room's moderators) approve, dismiss, pin and reply in place.
// Re-renders touch the lists and the status line only, never the form, so typing and focus survive live events.
import { h, show, notice, field, button, announce, empty } from './dom.js';
import { currentUser, signIn } from './auth.js';
import { LiveRoom, errorText, recentReactions } from './live.js';
import { reactionBar, REACTIONS } from './polls.js';

/** The reactions a visitor sends to a work (no "can't hear": there is no speaker to tell). */
const WORK_REACTIONS = ['applause', 'heart', 'surprise'];

const STATUS_TEXT = {
  connecting: 'Connecting…',
  reconnecting: 'Connection lost: reconnecting…',
  'not-admitted': 'This gallery’s guestbook is for the event’s registered participants.',
  'not-found': 'This work has no guestbook.',
  'too-many-connections': 'You have too many live rooms open; close one and reload.',
  'signed-out': 'Your sign-in has ended; sign in again to rejoin.',
};

/** Statuses in which the room is left for good: nothing can be posted. */
const LEFT = new Set(['not-admitted', 'not-found', 'too-many-connections', 'signed-out']);

function byLine(q) {
  if (q.anonymous && !q.author) return 'Anonymous';
  return `${q.author?.name || 'Someone'}${q.anonymous ? ' (anonymous to other visitors)' : ''}`;
}

/**
 * The guestbook of one work; {@code close()} leaves its room. Not signed in: a sign-in button instead of the room.
 */
export function guestbook(work) {
  const heading = h('h3', { id: 'guestbook-h', tabindex: '-1' }, 'Guestbook');
  if (!currentUser()) {
    return {
      el: h('section', { class: 'guestbook', id: 'guestbook', 'aria-labelledby': 'guestbook-h' }, heading,
        h('p', {}, 'Sign in to sign the guestbook, react and see who is here.'),
        button('Sign in', () => signIn(location.hash), { class: 'small', id: 'guestbook-sign-in' })),
      work: work.id,
      close() {},
    };
  }
  const statusHost = h('p', { class: 'meta', id: 'guestbook-status' });
  const reactionsHost = h('p', { class: 'meta', id: 'work-reactions', 'aria-live': 'off' });
  const formStatus = h('div', { id: 'guestbook-form-status', role: 'status' });
  const text = h('textarea', { id: 'guestbook-text', rows: 3, maxlength: 1000, required: true });
  const anonymous = h('input', { type: 'checkbox', id: 'guestbook-anonymous' });
  const submit = h('button', { type: 'submit', class: 'small', id: 'guestbook-send' }, 'Sign the guestbook');
  const form = h('form', { class: 'form', id: 'guestbook-form' },
    field('Your words about this work', text),
    h('div', { class: 'check' }, anonymous, h('label', { for: 'guestbook-anonymous' }, 'Sign anonymously (other visitors will not see your name)')),
    h('div', { class: 'button-row' }, submit));
  const toApprove = h('div', { id: 'guestbook-review' });
  const mine = h('div', { id: 'guestbook-mine-host' });
  const entries = h('ol', { class: 'questions', id: 'guestbook-entries', 'aria-labelledby': 'guestbook-entries-h' });

  const live = new LiveRoom(null, {
    path: `works/${work.id}`,
    onChange: (f) => {
      if (f?.type === 'presence') { statusLine(); return; }
      if (f?.type === 'reactions') { reactionLine(); return; }
      render();
    },
    onEvent: (f) => {
      const you = live.state.you?.subject;
      if (f.type === 'question.updated' && f.action === 'approve') {
        announce(f.question.author?.subject === you ? 'Your guestbook entry was approved.' : `New in the guestbook: ${f.question.text}`);
      }
      if (f.type === 'question.asked' && f.question.state === 'pending' && live.state.you?.moderator && f.question.author?.subject !== you) {
        announce('A guestbook entry is waiting for approval.');
      }
    },
    onStatus: () => { statusLine(); render(); },
    onError: (e) => show(formStatus, notice('error', errorText(e))),
  });

  function statusLine() {
    const s = live.status;
    const n = live.state.presence;
    show(statusHost, s === 'open'
      ? h('span', { id: 'work-presence', dataset: { count: String(n) } }, `${n} ${n === 1 ? 'person' : 'people'} here`)
      : h('span', { id: 'guestbook-connection', dataset: { status: s } }, STATUS_TEXT[s] || s));
  }

  function reactionLine() {
    const recent = recentReactions(live.state);
    const shown = REACTIONS.filter(([k]) => WORK_REACTIONS.includes(k) && recent[k]);
    show(reactionsHost, shown.length
      ? ['Last 30 seconds: ', shown.map(([k, emoji, label]) => h('span', { class: 'work-reaction', dataset: { reaction: k, count: String(recent[k]) } },
        h('span', { 'aria-hidden': 'true' }, emoji), ` ${recent[k]} ${label.toLowerCase()} `))]
      : null);
  }

  async function act(type, q) {
    const hadFocus = document.activeElement;
    try {
      await live.send(type, { questionId: q.id });
    } catch (e) {
      show(formStatus, notice('error', errorText(e)));
    }
    // the entry's buttons went with its re-render: keep keyboard users in the guestbook
    if (hadFocus && !document.body.contains(hadFocus)) heading.focus();
  }

  function tools(q) {
    if (!live.state.you?.moderator) return null;
    const b = (label, type, cls = 'small secondary') => button(label, () => act(type, q), { class: cls, 'aria-label': `${label}: ${q.text}`, dataset: { action: type } });
    if (q.state === 'pending') return h('div', { class: 'tools' }, b('Approve', 'question.approve', 'small'), b('Dismiss', 'question.dismiss', 'small danger'));
    if (q.state !== 'visible') return null;
    const replyText = h('input', { 'aria-label': `Reply to: ${q.text}`, maxlength: 1000, dataset: { key: `reply-${q.id}` } });
    const reply = h('form', { class: 'row' }, replyText, h('button', { type: 'submit', class: 'small secondary' }, 'Reply'));
    reply.addEventListener('submit', async (e) => {
      e.preventDefault();
      const value = replyText.value.trim();
      if (!value) return;
      try {
        await live.send('question.reply', { questionId: q.id, text: value });
        const current = root.querySelector(`[data-key="reply-${q.id}"]`);
        if (current) current.value = '';
      } catch (err) {
        show(formStatus, notice('error', errorText(err)));
      }
    });
    return h('div', { class: 'tools' }, q.pinned ? b('Unpin', 'question.unpin') : b('Pin', 'question.pin'),
      b('Dismiss', 'question.dismiss', 'small danger'), reply);
  }

  function item(q) {
    return h('li', { class: ['question', q.pinned && 'pinned', q.state], dataset: { questionId: String(q.id), state: q.state } },
      h('div', {},
        h('p', { class: 'text' }, q.text),
        h('p', { class: 'by' }, byLine(q),
          q.pinned ? h('span', { class: 'badge badge-published' }, 'pinned') : null,
          q.state === 'pending' ? h('span', { class: 'badge badge-pending' }, 'awaiting approval') : null),
        q.replies?.length ? h('ul', { class: 'replies' }, q.replies.map((r) => h('li', {}, h('span', { class: 'by' }, `${r.author?.name || 'Curator'}: `), r.text))) : null),
      tools(q));
  }

  /** Re-renders the lists keeping what a curator is typing in a reply (its text, focus and caret). */
  function render() {
    const drafts = [...root.querySelectorAll('input[data-key]')].map((el) => [el.dataset.key, el.value]);
    const active = document.activeElement?.dataset?.key && root.contains(document.activeElement) ? document.activeElement : null;
    const caret = active ? [active.selectionStart, active.selectionEnd] : null;
    renderLists();
    for (const [key, value] of drafts) {
      const el = root.querySelector(`[data-key="${key}"]`);
      if (el) el.value = value;
    }
    if (active) {
      const el = root.querySelector(`[data-key="${active.dataset.key}"]`);
      if (el) { el.focus(); el.setSelectionRange(...caret); }
    }
  }

  function renderLists() {
    const s = live.state;
    const you = s.you?.subject;
    const all = [...s.questions.values()];
    const pending = all.filter((q) => q.state === 'pending');
    const published = all.filter((q) => q.state === 'visible' || q.state === 'answered')
      .sort((a, b) => (b.pinned - a.pinned) || b.id - a.id);
    show(entries, published.length ? published.map(item) : empty('No entries yet. Be the first to sign.', 'li'));
    if (s.you?.moderator) {
      show(toApprove, pending.length ? [h('h4', {}, 'Waiting for your approval'), h('ol', { class: 'questions', id: 'guestbook-pending' }, pending.sort((a, b) => a.id - b.id).map(item))] : null);
      show(mine);
    } else {
      const own = pending.filter((q) => q.author?.subject === you);
      show(mine, own.length ? [h('h4', {}, 'Your entries awaiting approval'), h('ol', { class: 'questions', id: 'guestbook-mine' }, own.map(item))] : null);
      show(toApprove);
    }
    form.hidden = LEFT.has(live.status);
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = text.value.trim();
    if (!value) { show(formStatus, notice('error', 'Write something first.')); text.focus(); return; }
    submit.disabled = true;
    show(formStatus);
    try {
      await live.send('question.ask', { text: value, anonymous: anonymous.checked });
      text.value = '';
      show(formStatus, notice('success', live.state.settings.premoderation && !live.state.you?.moderator
        ? 'Thank you! Your entry will appear once a curator approves it.' : 'Thank you for signing the guestbook.'));
    } catch (err) {
      show(formStatus, notice('error', errorText(err)));
    } finally {
      submit.disabled = false;
    }
  });

  const root = h('section', { class: 'guestbook', id: 'guestbook', 'aria-labelledby': 'guestbook-h', dataset: { work: String(work.id) } },
    heading, statusHost,
    h('div', { class: 'work-reacting' }, reactionBar(live, (m) => show(formStatus, notice('info', m)), WORK_REACTIONS), reactionsHost),
    toApprove, form, formStatus, mine, h('h4', { id: 'guestbook-entries-h' }, 'Entries'), entries);
  statusLine();
  render();
  live.connect();
  return {
    el: root,
    work: work.id,
    close() { live.close(); },
  };
}

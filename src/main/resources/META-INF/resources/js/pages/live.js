// Session page with its live room, the speaker's moderation console and the projector view.
import { h, show, notice, field, button, announce, empty } from '../dom.js';
import { get, api } from '../api.js';
import { currentUser, signIn } from '../auth.js';
import { LiveRoom, errorText } from '../live.js';
import { absolute, ago, clock, localDate, shortDay, span, viewerZone, zoneFor, zoneLabel, duration } from '../time.js';
import { problemBox } from '../widgets.js';
import { joinPanel } from '../join.js';
import { stageBox } from '../stage.js';
import { listenForNotices } from '../notices.js';
import { pollCard, pollChart, reactionBar, reactionOverlay, cantHearBox, pollConsole } from '../polls.js';

const main = () => document.getElementById('main');

/** The zone this page shows times in (the viewer's choice, else their registered zone for the event, else the browser's). */
let pageZone = null;
const shownZone = () => pageZone || viewerZone();

async function load(slug, id) {
  const [ev, session, zone] = await Promise.all([get(`/api/events/${slug}`), get(`/api/events/${slug}/sessions/${id}`), zoneFor(slug)]);
  pageZone = zone;
  let room = null;
  // public, like the session: a failure is the page's error, not a room that silently vanished
  if (session.roomId) room = await get(`/api/events/${slug}/rooms/${session.roomId}`);
  return { ev, session, room };
}

/** When, in the viewer's zone and the event's; a session that ends on another day says so ("Fri 14 May 20:00"). */
function when(session, ev) {
  const zone = shownZone();
  const onOneDay = (z) => localDate(session.start, z) === localDate(session.end, z);
  const inZone = (z) => `${onOneDay(z) ? `${shortDay(localDate(session.start, z))} ` : ''}${span(session.start, session.end, z)}`;
  const mine = `${inZone(zone)} ${zoneLabel(zone, session.start)}`;
  return zone === ev.timeZone ? mine : `${mine} · ${inZone(ev.timeZone)} in ${ev.timeZone}`;
}

/** "2 min ago", with the time in full (viewer's zone) on hover; {@link tickTimes} keeps it current. */
function stamp(instant) {
  if (!instant) return null;
  const zone = shownZone();
  return h('time', { class: 'ago', datetime: instant, title: absolute(instant, zone) }, ago(instant, zone));
}

/** Refreshes every relative time on the page; returns the function that stops it. */
function tickTimes() {
  const timer = setInterval(() => {
    const zone = shownZone();
    for (const t of document.querySelectorAll('time.ago')) t.textContent = ago(t.getAttribute('datetime'), zone);
  }, 10000);
  return () => clearInterval(timer);
}

/** A chat line: who, what, when. */
function chatLine(m, ...tools) {
  return h('li', { dataset: { messageId: String(m.id) } }, h('span', { class: 'by' }, m.author?.name || '—'),
    h('span', { class: 'text' }, m.text), ' ', stamp(m.at), tools.length ? [' ', tools] : null);
}

const STOP_WORDS = new Set(('a an the and or but of to in on for is are was were be been being it its this that these those what how why'
  + ' when who whom which where do does did can could would should will shall may might must with about from at by as'
  + ' your you i we they he she them their our my me us there here any some so if than then not no yes please').split(' '));

/** The words that carry a question's meaning: lower case, without accents, stop words or plural s. */
function keyWords(text) {
  return new Set(text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w)).map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w)));
}

/**
 * Questions already in the room that say much the same as {@code text} (Dice coefficient over their key words at
 * least 0.5, with two words in common, or the same single word), most similar first; at most three.
 */
export function similarQuestions(text, questions) {
  const mine = keyWords(text);
  if (!mine.size) return [];
  return questions.map((q) => {
    const theirs = keyWords(q.text);
    const common = [...mine].filter((w) => theirs.has(w)).length;
    const score = (2 * common) / (mine.size + theirs.size);
    const enough = common >= 2 || (common === 1 && mine.size === 1 && theirs.size === 1);
    return { q, score: enough ? score : 0 };
  }).filter((m) => m.score >= 0.5).sort((a, b) => b.score - a.score || b.q.votes - a.q.votes).slice(0, 3).map((m) => m.q);
}

/** Re-renders keep keyboard focus and half-typed text on the controls with the same data-key. */
function keepFocus(render) {
  const active = document.activeElement;
  const key = active?.dataset?.key;
  const typed = [...document.querySelectorAll('input[data-key]:not([type=checkbox]):not([type=number]), textarea[data-key]')]
    .filter((el) => el.value).map((el) => [el.dataset.key, el.value]);
  const caret = key && typeof active.selectionStart === 'number' ? [active.selectionStart, active.selectionEnd] : null;
  render();
  for (const [k, v] of typed) {
    const el = document.querySelector(`[data-key="${CSS.escape(k)}"]`);
    if (el) el.value = v;
  }
  if (key) {
    const el = document.querySelector(`[data-key="${CSS.escape(key)}"]`);
    el?.focus();
    if (el && caret && typeof el.setSelectionRange === 'function') el.setSelectionRange(...caret);
  }
}

/**
 * Presence ticks only touch the status line and reaction ticks only {@code onReactions}; everything else re-renders the
 * room (a poll's chosen options survive it).
 */
function onChangeOf(live, statusHost, render, onReactions) {
  return (f) => {
    if (f?.type === 'presence') statusLine(live, statusHost);
    else if (f?.type === 'reactions') onReactions?.(f);
    else keepFocus(() => keepChecked(render));
  };
}

/** Re-renders keep the options a participant ticked in a poll they have not sent yet. */
function keepChecked(render) {
  const ticked = [...document.querySelectorAll('.poll-form input:checked[data-key]')].map((el) => el.dataset.key);
  render();
  for (const k of ticked) {
    const el = document.querySelector(`[data-key="${CSS.escape(k)}"]`);
    if (el) el.checked = true;
  }
}

const STATUS_TEXT = {
  connecting: 'Connecting to the live room…',
  reconnecting: 'Connection lost: reconnecting…',
  open: 'Live',
  'not-admitted': 'Only this event’s confirmed participants, speakers and organisers can join the live room.',
  'not-found': 'This session has no live room.',
  'too-many-connections': 'You have too many live rooms open; close one and reload.',
  'signed-out': 'Your sign-in has ended; sign in again to rejoin.',
};

function statusLine(room, host, slug) {
  const s = room.status;
  const state = s === 'open' ? 'open' : s === 'connecting' || s === 'reconnecting' ? 'connecting' : 'closed';
  show(host, h('span', { class: `conn conn-${state}`, id: 'live-status', dataset: { status: s } }, STATUS_TEXT[s] || s),
    s === 'not-admitted' && slug ? [' ', h('a', { href: `#/events/${slug}/register` }, 'Register for the event')] : null,
    s === 'open' ? h('span', { id: 'presence' }, ` · ${room.state.presence} ${room.state.presence === 1 ? 'person' : 'people'} here`) : null,
    pendingNote(room));
}

/** What the author sent during a break: it goes out when the room is back (or is reported as not sent). */
function pendingNote(room) {
  const n = room.waiting();
  if (!n || room.connected()) return null;
  return h('span', { class: 'live-pending', id: 'live-pending', role: 'status' },
    ` · ${n === 1 ? '1 message' : `${n} messages`} waiting for the connection: sent as soon as the room is back`);
}

function author(q) {
  if (q.anonymous && !q.author) return 'Anonymous';
  return `${q.author?.name || 'Someone'}${q.anonymous ? ' (anonymous to others)' : ''}`;
}

function sortQuestions(list, order) {
  return [...list].sort(order === 'new' ? (a, b) => b.id - a.id : (a, b) => b.votes - a.votes || a.id - b.id);
}

function repliesOf(q) {
  return q.replies?.length ? h('ul', { class: 'replies' }, q.replies.map((r) => h('li', {}, h('span', { class: 'by' }, `${r.author?.name || 'Speaker'}: `), r.text))) : null;
}

function signInFirst(title) {
  show(main(), h('h1', {}, title), h('p', {}, 'Sign in to join the live room.'), button('Sign in', () => signIn(location.hash), { id: 'sign-in-live' }));
}

/**
 * On phones (app.css, max-width 52rem) questions and chat are two tabs instead of the chat below the whole list; on
 * wider screens the bar is hidden and both panels show side by side. `count` puts the number of messages on the tab.
 */
function phoneTabs() {
  let panels = null;
  const tab = (name, text) => h('button', { type: 'button', role: 'tab', id: `tab-${name}`, 'aria-controls': `${name}-panel`,
    'aria-selected': String(name === 'questions'), on: { click: () => select(name) } }, text);
  const questions = tab('questions', 'Questions');
  const chat = tab('chat', 'Chat');
  function select(name) {
    if (panels) panels.dataset.tab = name;
    questions.setAttribute('aria-selected', String(name === 'questions'));
    chat.setAttribute('aria-selected', String(name === 'chat'));
    // the chosen panel starts on screen, right under the (sticky) tabs
    const top = panels?.getBoundingClientRect().top;
    if (top > window.innerHeight / 2) window.scrollBy(0, top - bar.offsetHeight - 8);
  }
  const bar = h('div', { class: 'live-tabs', role: 'tablist', 'aria-label': 'Questions or chat' }, questions, chat);
  return {
    bar,
    wrap(el) { panels = el; el.dataset.tab = 'questions'; return el; },
    count(n) { chat.textContent = n ? `Chat (${n})` : 'Chat'; },
  };
}

// ---- participant page ----------------------------------------------------------------------------------------------

export async function sessionPage(slug, id) {
  const { ev, session, room: venue } = await load(slug, id);
  const head = [
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Events'), ' › ', h('a', { href: `#/events/${slug}` }, ev.title), ' › ', h('a', { href: `#/events/${slug}/programme` }, 'Programme')),
    h('h1', {}, session.title),
    h('p', { class: 'meta', id: 'session-when' }, when(session, ev), ` · ${duration(session.start, session.end)}`),
    h('p', { class: 'meta' }, [venue?.name, session.speakers.map((p) => `${p.name}${p.role === 'MODERATOR' ? ' (moderator)' : ''}`).join(', ')].filter(Boolean).join(' · ')),
    session.cancelled ? notice('warning', 'This session has been cancelled.') : null,
    session.abstract ? h('p', { class: 'description' }, session.abstract) : null,
    h('p', { id: 'join-host' }),
  ];
  const joinLink = (url) => (url && /^https?:\/\//.test(url)
    ? h('a', { class: 'button', href: url, target: '_blank', rel: 'noopener noreferrer', id: 'join-video' }, `Join the video${venue?.name ? `: ${venue.name}` : ''}`) : null);
  // the room's video link comes with the room for organisers, or with the live room's snapshot for those admitted
  show(head.at(-1), joinLink(venue?.joinUrl));
  // the stage (player, meeting, recording) is public like the session; it is built once and never re-rendered
  const firstStage = await get(`/api/events/${slug}/sessions/${id}/stage`);
  let stage = stageBox(slug, id, firstStage, session.title);
  let stageShown = JSON.stringify(firstStage);
  // stage.changed in this room: an organiser set or removed a stream or recording; the player is rebuilt only then
  // (never on a reconnect), and only when what this session shows did change
  const followStage = async () => {
    let fresh;
    try { fresh = await get(`/api/events/${slug}/sessions/${id}/stage`); } catch { return; } // shown at the next change or visit
    if (JSON.stringify(fresh) === stageShown) return;
    stageShown = JSON.stringify(fresh);
    const box = stageBox(slug, id, fresh, session.title);
    if (stage && box) { stage.replaceWith(box); stage = box; } else { window.dispatchEvent(new HashChangeEvent('hashchange')); }
  };
  document.body.classList.toggle('stage-mode', Boolean(stage?.querySelector('#player-frame')));
  if (!currentUser()) { show(main(), head, stage, h('p', {}, 'Sign in to join the Q&A and chat.'), button('Sign in', () => signIn(location.hash), { id: 'sign-in-live' })); return; }

  const statusHost = h('p', { class: 'live-status', 'aria-live': 'off' });
  const noticesHost = h('div', { id: 'live-notices', 'aria-live': 'polite' });
  const qaInfo = h('p', { class: 'meta', id: 'qa-info' });
  const askStatus = h('div', { id: 'ask-status' });
  const chatStatus = h('div', { id: 'chat-status' });
  const pinnedHost = h('div', { id: 'pinned-host' });
  const questionsHost = h('ol', { class: 'questions', id: 'questions', 'aria-label': 'Questions' });
  const pendingHost = h('div', { id: 'my-pending-host' });
  const answeredHost = h('div', { id: 'answered-host' });
  const chatLog = h('ol', { class: 'chat-log', id: 'chat-log', 'aria-label': 'Chat messages' });
  const moderatorLink = h('p', { id: 'moderator-link' });
  const pollsHost = h('div', { id: 'polls' });
  const pollStatus = h('div', { id: 'poll-status', 'aria-live': 'polite' });
  const reportPoll = (text) => show(pollStatus, text ? notice('error', text) : null);
  const order = h('select', { id: 'question-order' }, h('option', { value: 'votes' }, 'Most votes'), h('option', { value: 'new' }, 'Newest'));

  const askText = h('textarea', { name: 'question', id: 'ask-text', rows: 3, maxlength: 1000, required: true });
  const anonymous = h('input', { type: 'checkbox', id: 'ask-anonymous' });
  const similarHost = h('div', { id: 'similar-questions', 'aria-live': 'polite' });
  const askForm = h('form', { class: 'form', id: 'ask-form' }, field('Your question', askText), similarHost,
    h('div', { class: 'check' }, anonymous, h('label', { for: 'ask-anonymous' }, 'Ask anonymously (other participants will not see your name)')),
    h('button', { type: 'submit', id: 'ask' }, 'Ask'));
  const chatText = h('input', { id: 'chat-text', maxlength: 1000, autocomplete: 'off', required: true });
  const chatForm = h('form', { class: 'form', id: 'chat-form' }, field('Message', chatText), h('button', { type: 'submit', id: 'chat-send' }, 'Send'));

  const live = new LiveRoom(id, {
    onStatus: () => statusLine(live, statusHost, slug),
    onPending: () => statusLine(live, statusHost, slug),
    onChange: (f) => onChangeOf(live, statusHost, render)(f),
    onEvent: (f) => { announceEvent(live, f); if (f.type === 'stage.changed') followStage(); },
    // a refused join is said once, by the status line (the close that follows the error frame)
    onError: (e) => { if (e.code !== 'live.not-admitted') show(askStatus, notice('error', errorText(e))); },
    // a line reported as not sent turned up in the room after all (stored before its ack was lost): take the report back
    onArrived: (type, fields) => {
      const [input, status] = type === 'chat.post' ? [chatText, chatStatus] : [askText, askStatus];
      if (input.value.trim() === fields.text) input.value = '';
      if (type === 'chat.post') show(status);
      else show(status, notice('success', live.state.settings.premoderation ? 'Thanks! Your question will appear once a moderator approves it.' : 'Your question is posted.'));
    },
  });
  window.atriumLive = live;

  function vote(q) {
    const voted = live.state.myVotes.has(q.id);
    // the visible word starts the accessible name (speech input users say what they see); the question follows, hidden
    const b = button([h('span', { 'aria-hidden': 'true' }, voted ? '▲ ' : '△ '), voted ? 'Voted' : 'Vote', h('span', { class: 'visually-hidden' }, `: ${q.text}`)],
      () => live.send(voted ? 'question.unvote' : 'question.vote', { questionId: q.id })
        .catch((e) => show(askStatus, notice('error', errorText(e)))),
    { class: 'small secondary vote', 'aria-pressed': String(voted), dataset: { key: `vote-${q.id}` },
      disabled: q.author?.subject === live.state.you?.subject || q.state !== 'visible' });
    return b;
  }

  function questionItem(q) {
    const mine = q.author?.subject && q.author.subject === live.state.you?.subject;
    return h('li', { class: ['question', q.pinned && 'pinned', q.state], dataset: { questionId: String(q.id), state: q.state } },
      h('div', { class: 'votes' }, h('strong', {}, String(q.votes)), q.votes === 1 ? 'vote' : 'votes'),
      h('div', {},
        h('p', { class: 'text' }, q.text),
        h('p', { class: 'by' }, author(q), q.askedAt ? [' · ', stamp(q.askedAt)] : null, q.pinned ? [' · ', h('strong', {}, 'answering now')] : null,
          q.state === 'answered' ? h('span', { class: 'badge badge-answered' }, 'answered') : null,
          q.state === 'pending' ? h('span', { class: 'badge badge-pending' }, 'awaiting moderation') : null)),
      repliesOf(q),
      h('div', { class: 'tools' }, q.state === 'visible' ? vote(q) : null,
        mine && q.state === 'pending' ? button('Withdraw', () => live.send('question.withdraw', { questionId: q.id }).catch((e) => show(askStatus, notice('error', errorText(e)))),
          { class: 'small secondary', dataset: { key: `withdraw-${q.id}` }, 'aria-label': `Withdraw: ${q.text}` }) : null));
  }

  /** While a question is typed: the room's questions that say much the same, to vote for instead of asking again. */
  function suggestSimilar() {
    const s = live.state;
    const candidates = [...s.questions.values()].filter((q) => ['visible', 'answered'].includes(q.state)
      && !(q.author?.subject && q.author.subject === s.you?.subject));
    const matches = askText.value.trim().length >= 8 ? similarQuestions(askText.value, candidates) : [];
    const key = matches.map((q) => `${q.id}:${q.state}:${s.myVotes.has(q.id)}`).join(',');
    if (key === (similarHost.dataset.shown || '')) return; // unchanged: not announced again
    similarHost.dataset.shown = key;
    show(similarHost, matches.length ? h('div', { class: 'similar' },
      h('p', { id: 'similar-h' }, matches.length === 1 ? 'A similar question is already in the room. Vote for it instead of asking again?'
        : 'Similar questions are already in the room. Vote for one instead of asking again?'),
      h('ul', { 'aria-labelledby': 'similar-h' }, matches.map((q) => h('li', { dataset: { questionId: String(q.id) } },
        h('span', { class: 'text', id: `similar-${q.id}` }, q.text), ' ',
        q.state === 'answered' ? h('span', { class: 'badge badge-answered' }, 'answered')
          : s.myVotes.has(q.id) ? h('span', { class: 'meta' }, 'you voted for it')
            : button('Vote for it instead', () => voteInstead(q), { class: 'small', 'aria-describedby': `similar-${q.id}` }))))) : null);
  }

  async function voteInstead(q) {
    try {
      await live.send('question.vote', { questionId: q.id });
      askText.value = '';
      suggestSimilar();
      show(askStatus, notice('success', `You voted for “${q.text}”.`));
    } catch (e) { show(askStatus, notice('error', errorText(e))); }
  }
  askText.addEventListener('input', () => suggestSimilar());

  function render() {
    const s = live.state;
    const all = [...s.questions.values()];
    const pinned = s.pinned != null ? s.questions.get(s.pinned) : null;
    const st = s.settings;
    show(qaInfo, st.qaOpen === false ? 'Q&A is closed: you can read questions and answers.' : 'Q&A is open.',
      st.premoderation ? ' Questions are reviewed by the moderators before others see them.' : '',
      st.slowModeSeconds ? ` Slow mode: one chat message every ${st.slowModeSeconds} s.` : '',
      s.muted ? ' You are muted in this room.' : '');
    askForm.querySelector('#ask').disabled = st.qaOpen === false || s.muted;
    show(pinnedHost, pinned ? h('section', { 'aria-labelledby': 'pinned-h' }, h('h3', { id: 'pinned-h' }, 'Answering now'),
      h('ol', { class: 'questions', id: 'pinned-question' }, questionItem(pinned))) : null);
    show(questionsHost, sortQuestions(all.filter((q) => q.state === 'visible' && q.id !== s.pinned), order.value).map(questionItem));
    if (!questionsHost.children.length) questionsHost.append(empty('No questions yet. Ask the first one above.', 'li'));
    const minePending = all.filter((q) => q.state === 'pending' && q.author?.subject === s.you?.subject);
    show(pendingHost, minePending.length ? [h('h3', {}, 'Your questions awaiting moderation'), h('ol', { class: 'questions', id: 'my-pending' }, minePending.map(questionItem))] : null);
    const answered = all.filter((q) => q.state === 'answered' && q.id !== s.pinned);
    show(answeredHost, answered.length ? [h('h3', {}, 'Answered'), h('ol', { class: 'questions', id: 'answered' }, answered.map(questionItem))] : null);
    const atBottom = chatLog.scrollHeight - chatLog.scrollTop - chatLog.clientHeight < 40;
    show(chatLog, s.chat.length ? s.chat.map((m) => chatLine(m))
      : empty('No messages yet. Say hello to the room.', 'li', { id: 'chat-empty' }));
    showTab.count(s.chat.length);
    if (atBottom) chatLog.scrollTop = chatLog.scrollHeight;
    show(moderatorLink, s.you?.moderator ? [h('a', { href: `#/events/${slug}/sessions/${id}/moderate`, id: 'to-console' }, 'Open the moderation console'), ' · ',
      h('a', { href: `#/events/${slug}/sessions/${id}/projector` }, 'Projector view')] : null);
    const joinHost = document.getElementById('join-host');
    if (joinHost && !joinHost.firstChild) show(joinHost, joinLink(s.room?.joinUrl));
    statusLine(live, statusHost);
    suggestSimilar();
    document.body.dataset.liveSeq = String(live.lastSeq ?? '');
    const polls = [...s.polls.values()].sort((a, b) => (a.state === b.state ? b.id - a.id : a.state === 'open' ? -1 : 1)).slice(0, 5);
    show(pollsHost, polls.length ? [h('h2', { id: 'polls-h' }, 'Polls'), polls.map((p) => pollCard(live, p, reportPoll))] : null);
  }

  askForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = askText.value.trim();
    if (!text) return;
    try {
      await live.send('question.ask', { text, anonymous: anonymous.checked });
      askText.value = '';
      show(askStatus, notice('success', live.state.settings.premoderation ? 'Thanks! Your question will appear once a moderator approves it.' : 'Your question is posted.'));
    } catch (err) { show(askStatus, notice('error', errorText(err))); }
  });
  chatForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = chatText.value.trim();
    if (!text) return;
    try {
      await live.send('chat.post', { text });
      chatText.value = '';
      show(chatStatus);
    } catch (err) { show(chatStatus, notice('error', errorText(err))); }
  });
  order.addEventListener('change', render);

  const showTab = phoneTabs();
  const panels = showTab.wrap(h('div', { class: 'live', id: 'live-panels' },
    h('section', { 'aria-labelledby': 'qa-h', dataset: { panel: 'questions' }, id: 'questions-panel' }, h('h2', { id: 'qa-h' }, 'Questions & answers'), qaInfo, askForm, askStatus, pinnedHost,
      h('div', { class: 'row' }, field('Sort', order)), questionsHost, pendingHost, answeredHost),
    h('section', { 'aria-labelledby': 'chat-h', dataset: { panel: 'chat' }, id: 'chat-panel' }, h('h2', { id: 'chat-h' }, 'Chat'), chatLog, chatForm, chatStatus)));
  const pollsSection = h('section', { class: 'polls', 'aria-label': 'Polls and reactions' }, pollsHost, pollStatus, reactionBar(live, reportPoll));
  // player, questions and chat side by side on wide screens, stacked on phones (app.css .stage-layout)
  show(main(), head, statusHost, noticesHost, moderatorLink, pollsSection,
    stage ? h('div', { class: 'stage-layout', id: 'stage-layout' }, stage, h('div', { class: 'stage-side' }, showTab.bar, panels)) : [showTab.bar, panels]);
  statusLine(live, statusHost);
  live.connect();
  const stopTicking = tickTimes();
  const stopNotices = listenForNotices(slug, noticesHost);
  return () => { live.close(); stopTicking(); stopNotices(); document.body.classList.remove('stage-mode'); };
}

function announceEvent(live, f) {
  const you = live.state.you?.subject;
  if (f.type === 'question.asked' && f.question.author?.subject !== you && f.question.state === 'visible') announce(`New question: ${f.question.text}`);
  if (f.type === 'question.updated') {
    const q = f.question;
    if (f.action === 'pin') announce(`Answering now: ${q.text}`);
    if (f.action === 'answer') announce(`Answered: ${q.text}`);
    if (f.action === 'approve' && q.author?.subject === you) announce(`Your question was approved: ${q.text}`);
    if (f.action === 'approve' && q.author?.subject !== you) announce(`New question: ${q.text}`);
  }
  if (f.type === 'question.replied') announce(`Reply from ${f.reply.author?.name || 'a speaker'}: ${f.reply.text}`);
  if (f.type === 'member.muted' && f.subject === you) announce('A moderator has muted you in this room.');
}

// ---- moderation console ------------------------------------------------------------------------------------------

export async function moderationPage(slug, id) {
  const { ev, session } = await load(slug, id);
  const title = `Moderate: ${session.title}`;
  if (!currentUser()) { signInFirst(title); return; }
  const statusHost = h('p', { class: 'live-status' });
  const feedback = h('div', { id: 'console-status' });
  const hosts = {
    controls: h('div', { id: 'room-controls' }), pending: h('ol', { class: 'questions', id: 'pending-queue' }),
    visible: h('ol', { class: 'questions', id: 'visible-questions' }), answered: h('ol', { class: 'questions', id: 'answered-questions' }),
    dismissed: h('ol', { class: 'questions', id: 'dismissed-questions' }), chat: h('ol', { class: 'chat-log', id: 'moderated-chat' }),
  };
  const crumbs = h('p', { class: 'crumbs' }, h('a', { href: `#/events/${slug}` }, ev.title), ' › ', h('a', { href: `#/events/${slug}/sessions/${id}` }, session.title));
  /** Someone who may not moderate this room (another session's speaker, a participant) is told so once, on its own. */
  const notModerator = () => {
    live.close();
    show(main(), crumbs, h('h1', {}, title), notice('info', 'You do not moderate this session: only its speakers and moderators and the event’s organisers can open its moderation console.',
      h('p', {}, h('a', { href: `#/events/${slug}/sessions/${id}`, id: 'to-session' }, 'Go to the session page'))));
  };
  const tabs = phoneTabs();
  const live = new LiveRoom(id, {
    onStatus: (st) => (st === 'not-admitted' ? notModerator() : statusLine(live, statusHost)),
    onPending: () => statusLine(live, statusHost),
    onChange: (f) => onChangeOf(live, statusHost, render, () => show(cantHearHost, cantHearBox(live.state)))(f),
    onEvent: (f) => { if (f.type === 'question.asked') announce(`New question${f.question.state === 'pending' ? ' to review' : ''}: ${f.question.text}`); },
    // a refused join is said once, by its status (the close that follows the error frame)
    onError: (e) => { if (e.code !== 'live.not-admitted') show(feedback, notice('error', errorText(e))); },
  });
  window.atriumLive = live;
  const act = (type, fields) => live.send(type, fields).then(() => { show(feedback); return true; }).catch((e) => { show(feedback, notice('error', errorText(e))); return false; });
  const cantHearHost = h('div', { id: 'cant-hear-host' });
  const polls = pollConsole(slug, id, live, act);
  // the "can't hear" count covers the last 30 s: it also falls when nobody reacts
  const cantHearTimer = setInterval(() => show(cantHearHost, cantHearBox(live.state)), 2000);

  function tools(q) {
    const b = (text, type, extra = {}, cls = 'small secondary') => button(text, () => act(type, { questionId: q.id, ...extra }),
      { class: cls, dataset: { key: `${type}-${q.id}` }, 'aria-label': `${text}: ${q.text}` });
    const others = [...live.state.questions.values()].filter((o) => o.id !== q.id && ['visible', 'answered', 'pending'].includes(o.state));
    const mergeSelect = h('select', { 'aria-label': `Merge “${q.text}” into`, dataset: { key: `merge-target-${q.id}` } },
      others.map((o) => h('option', { value: String(o.id) }, o.text.slice(0, 60))));
    const replyText = h('input', { 'aria-label': `Reply to: ${q.text}`, maxlength: 1000, dataset: { key: `reply-text-${q.id}` } });
    const replyForm = h('form', { class: 'row' }, replyText, h('button', { type: 'submit', class: 'small' }, 'Reply'));
    replyForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!replyText.value.trim()) return;
      await act('question.reply', { questionId: q.id, text: replyText.value.trim() });
      const current = document.querySelector(`[data-key="reply-text-${q.id}"]`);
      if (current) current.value = '';
    });
    switch (q.state) {
      case 'pending': return [b('Approve', 'question.approve', {}, 'small'), b('Dismiss', 'question.dismiss', {}, 'small danger')];
      case 'visible': return [q.pinned ? b('Unpin', 'question.unpin') : b('Pin: answering now', 'question.pin', {}, 'small'),
        b('Mark answered', 'question.answer'), b('Archive', 'question.archive'), b('Dismiss', 'question.dismiss', {}, 'small danger'), replyForm,
        others.length ? h('span', { class: 'row' }, mergeSelect, button('Merge', () => act('question.merge', { questionId: q.id, into: Number(mergeSelect.value) }), { class: 'small secondary', 'aria-label': `Merge: ${q.text}` })) : null];
      case 'answered': return [q.pinned ? b('Unpin', 'question.unpin') : null, b('Archive', 'question.archive'), replyForm];
      default: return [b('Restore', 'question.restore')];
    }
  }

  function item(q) {
    return h('li', { class: ['question', q.pinned && 'pinned', q.state], dataset: { questionId: String(q.id), state: q.state } },
      h('div', { class: 'votes' }, h('strong', {}, String(q.votes)), q.votes === 1 ? 'vote' : 'votes'),
      h('div', {}, h('p', { class: 'text' }, q.text), h('p', { class: 'by' }, q.author?.name || 'Anonymous', q.anonymous ? ' (asked anonymously)' : '',
        q.askedAt ? [' · ', stamp(q.askedAt)] : null,
        q.pinned ? [' · ', h('strong', {}, 'answering now')] : null)),
      repliesOf(q), h('div', { class: 'tools' }, tools(q)));
  }

  function render() {
    const s = live.state;
    const st = s.settings;
    if (s.you && !s.you.moderator) {
      notModerator();
      return;
    }
    const all = [...s.questions.values()];
    const mode = st.qaMode;
    const slow = h('input', { type: 'number', min: 0, max: 3600, id: 'slow-mode', value: String(st.slowModeSeconds || 0), dataset: { key: 'slow-mode' } });
    const pre = h('input', { type: 'checkbox', id: 'premoderation', checked: Boolean(st.premoderation), dataset: { key: 'premoderation' } });
    pre.addEventListener('change', () => act('room.configure', { premoderation: pre.checked }));
    show(hosts.controls,
      h('p', { id: 'qa-state' }, `Q&A is ${st.qaOpen ? 'open' : 'closed'}${mode === 'auto' ? ' (following the schedule)' : ' (set by hand)'}.`,
        st.qaOpensAt ? ` Scheduled: opens ${clock(st.qaOpensAt, shownZone())}, closes ${clock(st.qaClosesAt, shownZone())} (${zoneLabel(shownZone(), st.qaOpensAt)}).` : ''),
      h('div', { class: 'button-row', role: 'group', 'aria-label': 'Q&A' },
        button('Open Q&A', () => act('qa.open'), { class: 'small', 'aria-pressed': String(mode === 'open'), id: 'qa-open', dataset: { key: 'qa-open' } }),
        button('Close Q&A', () => act('qa.close'), { class: 'small', 'aria-pressed': String(mode === 'closed'), id: 'qa-close', dataset: { key: 'qa-close' } }),
        button('Follow the schedule', () => act('qa.auto'), { class: 'small', 'aria-pressed': String(mode === 'auto'), id: 'qa-auto', dataset: { key: 'qa-auto' } })),
      h('div', { class: 'check' }, pre, h('label', { for: 'premoderation' }, 'Pre-moderation: new questions wait for approval')),
      h('div', { class: 'row' }, field('Slow mode (seconds between chat messages, 0 = off)', slow),
        h('div', {}, button('Apply', () => act('room.configure', { slowModeSeconds: Number(slow.value) || 0 }), { class: 'small secondary', id: 'apply-slow-mode' }))),
      h('div', { class: 'button-row' }, button('Export JSON', () => exportQa('json'), { class: 'small secondary', id: 'export-json' }),
        button('Export CSV', () => exportQa('csv'), { class: 'small secondary', id: 'export-csv' }),
        button('Poll results CSV', () => exportFile('polls', 'csv'), { class: 'small secondary', id: 'export-polls-csv' }),
        button('Poll results JSON', () => exportFile('polls', 'json'), { class: 'small secondary', id: 'export-polls-json' }),
        h('a', { href: `#/events/${slug}/sessions/${id}/projector`, id: 'to-projector' }, 'Projector view'), ' · ',
        h('a', { href: `#/events/${slug}/sessions/${id}/engagement`, id: 'to-engagement' }, 'Engagement statistics')));
    const byVotes = (list) => sortQuestions(list, 'votes');
    show(hosts.pending, all.filter((q) => q.state === 'pending').sort((a, b) => a.id - b.id).map(item));
    show(hosts.visible, byVotes(all.filter((q) => q.state === 'visible')).map(item));
    show(hosts.answered, all.filter((q) => q.state === 'answered').map(item));
    show(hosts.dismissed, all.filter((q) => ['dismissed', 'archived'].includes(q.state)).map(item));
    for (const host of [hosts.pending, hosts.visible, hosts.answered, hosts.dismissed]) if (!host.children.length) host.append(empty('None.', 'li'));
    polls.renderLive();
    show(cantHearHost, cantHearBox(s));
    tabs.count(s.chat.length);
    if (!s.chat.length) show(hosts.chat, empty('No messages yet.', 'li', { id: 'chat-empty' }));
    else show(hosts.chat, s.chat.map((m) => chatLine(m,
      button('Delete', () => act('chat.delete', { messageId: m.id }), { class: 'small secondary', 'aria-label': `Delete message: ${m.text}` }),
      m.author?.subject && m.author.subject !== s.you?.subject ? button('Mute', () => act('member.mute', { subject: m.author.subject }), { class: 'small danger', 'aria-label': `Mute ${m.author.name}` }) : null)));
    statusLine(live, statusHost);
  }

  /** The server's export (all questions, as stored, through the one CSV writer of common/Csv). */
  function exportQa(format) {
    return exportFile('questions', format);
  }

  /** One of the server's exports of this session (questions, polls). */
  async function exportFile(what, format) {
    try {
      const r = await api('GET', `/api/events/${slug}/sessions/${id}/${what}.${format}`, undefined,
        { raw: true, headers: { Accept: format === 'csv' ? 'text/csv' : 'application/json' } });
      download(await r.blob(), format, what);
    } catch (e) {
      show(feedback, problemBox(e));
    }
  }

  function download(blob, format, what = 'questions') {
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: `${slug}-session-${id}-${what}.${format}` });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  show(main(), crumbs, h('h1', {}, title), statusHost, cantHearHost, feedback,
    h('section', { class: 'panel', 'aria-labelledby': 'ctl-h' }, h('h2', { id: 'ctl-h' }, 'Room'), hosts.controls),
    h('section', { class: 'panel', 'aria-labelledby': 'polls-h' }, h('h2', { id: 'polls-h' }, 'Polls'), polls.host),
    tabs.bar,
    tabs.wrap(h('div', { class: 'live', id: 'live-panels' },
      h('div', { dataset: { panel: 'questions' }, id: 'questions-panel' },
        h('section', { 'aria-labelledby': 'pq-h' }, h('h2', { id: 'pq-h' }, 'Waiting for approval'), hosts.pending),
        h('section', { 'aria-labelledby': 'vq-h' }, h('h2', { id: 'vq-h' }, 'Live questions'), hosts.visible),
        h('section', { 'aria-labelledby': 'aq-h' }, h('h2', { id: 'aq-h' }, 'Answered'), hosts.answered),
        h('section', { 'aria-labelledby': 'dq-h' }, h('h2', { id: 'dq-h' }, 'Dismissed and archived'), hosts.dismissed)),
      h('section', { 'aria-labelledby': 'mc-h', dataset: { panel: 'chat' }, id: 'chat-panel' }, h('h2', { id: 'mc-h' }, 'Chat'), hosts.chat))));
  statusLine(live, statusHost);
  live.connect();
  const stopTicking = tickTimes();
  return () => { live.close(); stopTicking(); clearInterval(cantHearTimer); };
}

// ---- projector -------------------------------------------------------------------------------------------------------

export async function projectorPage(slug, id) {
  const { session } = await load(slug, id);
  if (!currentUser()) { signInFirst(session.title); return; }
  document.body.classList.add('projector-mode');
  const pinnedHost = h('div', { id: 'projector-pinned', 'aria-live': 'polite' });
  const topHost = h('ol', { class: 'top-q', id: 'projector-top' });
  const pollHost = h('div', { id: 'projector-poll', 'aria-live': 'polite' });
  const overlay = h('div', { class: 'reaction-overlay', id: 'reaction-overlay', 'aria-hidden': 'true' });
  const join = await joinPanel(slug, id);
  const live = new LiveRoom(id, {
    onChange: (f) => {
      const s = live.state;
      if (f?.type === 'reactions') { reactionOverlay(overlay, s.reactions); return; }
      // the open poll, else the last one closed; its chart as the room may see it
      const polls = [...s.polls.values()].sort((a, b) => b.id - a.id);
      const shown = polls.find((p) => p.state === 'open') || polls[0];
      show(pollHost, shown ? h('section', { class: 'projector-poll', dataset: { pollId: String(shown.id), state: shown.state } },
        h('h2', {}, shown.question, shown.state === 'closed' ? ' (closed)' : ''),
        pollChart(shown, { id: 'projector-chart' }) || h('p', { class: 'meta' }, shown.results === 'live' ? 'Vote now in the live room.' : 'Results when the poll closes.')) : null);
      const pinned = s.pinned != null ? s.questions.get(s.pinned) : null;
      const top = sortQuestions([...s.questions.values()].filter((q) => q.state === 'visible' && q.id !== s.pinned), 'votes').slice(0, 5);
      show(pinnedHost, pinned ? h('p', { class: 'pinned-q' }, pinned.text) : h('p', { class: 'meta' }, 'No question is being answered right now.'));
      show(topHost, top.length ? top.map((q) => h('li', {}, h('span', { class: 'n' }, `▲ ${q.votes}`), h('span', {}, q.text)))
        : empty(h('span', {}, 'No questions yet.', join.display ? [' Ask yours at ', h('strong', {}, join.display), '.'] : ' Ask yours in the live room of this session.'),
          'li', { id: 'projector-empty', class: 'empty projector-empty' }));
    },
  });
  show(main(), h('div', { class: 'projector' },
    h('div', { class: 'projector-questions' }, h('h1', {}, session.title), pollHost, pinnedHost, h('h2', {}, 'Top questions'), topHost),
    join.panel), overlay);
  live.connect();
  return () => { live.close(); document.body.classList.remove('projector-mode'); };
}


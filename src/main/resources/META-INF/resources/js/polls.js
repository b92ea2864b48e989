// Polls and reactions in a live room: the participant's vote form, the chart (bars or a word cloud) shared by the
// room, the console and the projector, the reaction bar and overlay, and the speaker's drafts (protocol:
// src/docs/live-protocol.md, drafts and export: src/docs/polls.md).
import { h, show, button, field, notice, empty } from './dom.js';
import { get, api } from './api.js';
import { errorText, recentReactions } from './live.js';
import { problemBox } from './widgets.js';

export const REACTIONS = [
  ['applause', '👏', 'Applause'], ['heart', '❤️', 'Love it'], ['laugh', '😂', 'Funny'], ['surprise', '😮', 'Surprising'],
  ['cant-hear', '🔇', 'Can’t hear'],
];

/** Labels of a poll's counters: its options, or the rating values 1..scale. */
function labels(poll) {
  return poll.kind === 'rating' ? Array.from({ length: poll.scale }, (_, i) => String(i + 1)) : poll.options;
}

/** A poll's tally as a chart: bars for choices and ratings, a word cloud for text; nothing without a tally. */
export function pollChart(poll, attrs = {}) {
  const t = poll.tally;
  if (!t) return null;
  const voters = `${t.voters} ${t.voters === 1 ? 'vote' : 'votes'}`;
  if (poll.kind === 'text') {
    const words = t.words || [];
    const max = Math.max(1, ...words.map((w) => w.count));
    return h('div', { class: 'poll-chart word-cloud', dataset: { pollId: String(poll.id), voters: String(t.voters) }, ...attrs },
      words.length ? words.map((w) => h('span', { class: 'cloud-word', dataset: { count: String(w.count) },
        style: { 'font-size': `${(0.9 + 2.1 * (w.count / max)).toFixed(2)}em` }, title: `${w.count}` }, w.word)) : empty('No answers yet.'),
      h('p', { class: 'meta poll-voters' }, voters));
  }
  const counts = t.counts || [];
  const total = counts.reduce((a, b) => a + b, 0);
  const correct = new Set(poll.correct || []);
  return h('div', { class: 'poll-chart', dataset: { pollId: String(poll.id), voters: String(t.voters) }, ...attrs },
    h('ol', { class: 'bars' }, labels(poll).map((label, i) => {
      const n = counts[i] || 0;
      const pct = total ? Math.round((100 * n) / total) : 0;
      return h('li', { class: ['bar', correct.has(i) && 'correct'], dataset: { count: String(n) } },
        h('span', { class: 'bar-label' }, label, correct.has(i) ? ' ✓' : ''),
        h('span', { class: 'bar-track' }, h('span', { class: 'bar-fill', style: { width: `${pct}%` } })),
        h('span', { class: 'bar-n' }, `${n} (${pct}%)`));
    })),
    h('p', { class: 'meta poll-voters' }, voters));
}

function describeVote(poll, v) {
  if (!v) return '';
  if (poll.kind === 'text') return `“${v.text}”`;
  if (poll.kind === 'rating') return `${v.rating} of ${poll.scale}`;
  return (v.choices || []).map((i) => poll.options[i]).join(', ');
}

/** The participant's side of a poll: the form while open (or their answer), then the results they may see. */
export function pollCard(live, poll, report) {
  const mine = live.state.myPollVotes.get(poll.id);
  const open = poll.state === 'open';
  const key = (k) => ({ dataset: { key: `poll-${poll.id}-${k}` } });
  let form = null;
  if (open && (!mine || poll.changeable)) {
    const name = `poll-${poll.id}`;
    let inputs;
    if (poll.kind === 'text') {
      inputs = [h('input', { name, maxlength: 100, required: true, 'aria-label': poll.question, ...key('text') })];
    } else {
      const type = poll.kind === 'multiple' ? 'checkbox' : 'radio';
      inputs = labels(poll).map((label, i) => h('label', { class: 'poll-option' },
        h('input', { type, name, value: String(poll.kind === 'rating' ? i + 1 : i), ...key(`o${i}`) }), ` ${label}`));
    }
    form = h('form', { class: 'form poll-form', dataset: { pollId: String(poll.id) } },
      h('fieldset', {}, h('legend', {}, poll.kind === 'multiple' ? `Choose up to ${poll.maxChoices}` : poll.kind === 'rating' ? `Rate from 1 to ${poll.scale}` : poll.kind === 'text' ? 'A few words' : 'Choose one'), inputs),
      h('button', { type: 'submit', class: 'small', id: `poll-vote-${poll.id}` }, mine ? 'Change my vote' : 'Vote'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const picked = [...form.querySelectorAll('input:checked')].map((i) => Number(i.value));
      const fields = { pollId: poll.id };
      if (poll.kind === 'text') fields.text = form.querySelector('input').value.trim();
      else if (poll.kind === 'rating') fields.rating = picked[0];
      else fields.choices = picked;
      if (poll.kind !== 'text' && !picked.length) return;
      if (poll.kind === 'text' && !fields.text) return;
      live.send('poll.vote', fields).then(() => report(null)).catch((err) => report(errorText(err)));
    });
  }
  return h('article', { class: ['poll-card', poll.state], id: `poll-${poll.id}`, dataset: { pollId: String(poll.id), state: poll.state } },
    h('h3', {}, poll.question, poll.state === 'closed' ? h('span', { class: 'badge' }, 'closed') : null, poll.quiz ? h('span', { class: 'badge' }, 'quiz') : null),
    mine ? h('p', { class: 'meta my-vote' }, `Your answer: ${describeVote(poll, mine)}`) : null,
    form,
    pollChart(poll) || (open ? h('p', { class: 'meta' }, poll.results === 'live' ? 'Results appear as votes come in.' : poll.results === 'closed' ? 'Results are shown when the poll closes.' : 'Results are for the moderators only.') : null));
}

/** The participant's reaction buttons (not stored one by one: counted per tick). */
export function reactionBar(live, report, kinds = null) {
  return h('div', { class: 'reaction-bar', role: 'group', 'aria-label': 'React' },
    REACTIONS.filter(([kind]) => !kinds || kinds.includes(kind)).map(([kind, emoji, label]) => button([h('span', { 'aria-hidden': 'true' }, emoji), ` ${label}`], () => {
      if (live.ws?.readyState === WebSocket.OPEN) live.ws.send(JSON.stringify({ type: 'reaction.send', reaction: kind }));
      else report('Not connected: reactions are sent only while the room is live.');
    }, { class: 'small secondary reaction', dataset: { reaction: kind } })));
}

/** The projector's overlay: one floating emoji per kind that had reactions in the last tick, sized by the count. */
export function reactionOverlay(host, counts) {
  if (!counts) return;
  for (const [kind, emoji] of REACTIONS) {
    const n = counts[kind] || 0;
    if (!n || kind === 'cant-hear') continue;
    const el = h('span', { class: 'reaction-float', dataset: { reaction: kind },
      style: { left: `${10 + Math.random() * 80}%`, 'font-size': `${Math.min(6, 2 + Math.log2(1 + n)).toFixed(1)}vw` } }, emoji);
    host.append(el);
    setTimeout(() => el.remove(), 2500);
  }
  host.dataset.lastTick = JSON.stringify(counts);
}

/** The speaker's "can't hear" signal: the count of the last 30 seconds, large. */
export function cantHearBox(state) {
  const n = recentReactions(state)['cant-hear'] || 0;
  return h('div', { class: ['cant-hear', n > 0 && 'alert'], id: 'cant-hear', role: 'status', dataset: { count: String(n) } },
    h('strong', {}, String(n)), ` ${n === 1 ? 'person' : 'people'} can’t hear you (last 30 s)`);
}

/**
 * The console's polls: drafts (created, edited away or deleted over REST), launch and close live, and the tally of
 * each launched poll. {@code act} sends a command and reports its outcome.
 */
export function pollConsole(slug, sessionId, live, act) {
  const host = h('div', { id: 'poll-console' });
  const status = h('div', { id: 'poll-status' });
  const draftsHost = h('ol', { class: 'poll-drafts', id: 'poll-drafts' });
  let drafts = [];
  const base = `/api/events/${slug}/sessions/${sessionId}/polls`;

  async function reload() {
    try {
      drafts = (await get(base)).filter((p) => p.state === 'draft');
      renderDrafts();
    } catch (e) { show(status, problemBox(e)); }
  }

  function renderDrafts() {
    show(draftsHost, drafts.length ? drafts.map((p) => h('li', { dataset: { pollId: String(p.id) } },
      h('span', {}, `${p.question} (${p.kind}${p.durationSeconds ? `, ${p.durationSeconds} s` : ''})`), ' ',
      button('Launch', async () => { if (await act('poll.launch', { pollId: p.id })) reload(); }, { class: 'small', id: `poll-launch-${p.id}` }),
      button('Delete', async () => { try { await api('DELETE', `/api/events/${slug}/polls/${p.id}`); reload(); } catch (e) { show(status, problemBox(e)); } },
        { class: 'small danger', 'aria-label': `Delete draft: ${p.question}` }))) : empty('No drafts.', 'li'));
  }

  const kind = h('select', { id: 'poll-kind' }, ['single', 'multiple', 'rating', 'text'].map((k) => h('option', { value: k }, {
    single: 'Single choice', multiple: 'Multiple choice', rating: 'Rating', text: 'Word cloud (short text)' }[k])));
  const question = h('input', { id: 'poll-question', maxlength: 500, required: true });
  const options = h('textarea', { id: 'poll-options', rows: 3, placeholder: 'One option per line' });
  const results = h('select', { id: 'poll-results' }, h('option', { value: 'live' }, 'Shown live'),
    h('option', { value: 'closed' }, 'Hidden until closed'), h('option', { value: 'moderators' }, 'Moderators only'));
  const scale = h('select', { id: 'poll-scale' }, h('option', { value: '5' }, '1-5'), h('option', { value: '10' }, '1-10'));
  const duration = h('input', { type: 'number', id: 'poll-duration', min: 5, max: 86400, placeholder: 'no timer' });
  const named = h('input', { type: 'checkbox', id: 'poll-named' });
  const changeable = h('input', { type: 'checkbox', id: 'poll-changeable' });
  const form = h('form', { class: 'form', id: 'poll-form' }, field('Question', question), h('div', { class: 'row' }, field('Kind', kind), field('Rating scale', scale), field('Results', results)),
    field('Options', options), field('Timer (seconds)', duration),
    h('div', { class: 'check' }, named, h('label', { for: 'poll-named' }, 'Named (organisers see who voted what)')),
    h('div', { class: 'check' }, changeable, h('label', { for: 'poll-changeable' }, 'Voters may change their vote')),
    h('button', { type: 'submit', id: 'poll-save' }, 'Save draft'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { kind: kind.value, question: question.value.trim(), results: results.value, anonymous: !named.checked, changeable: changeable.checked };
    if (['single', 'multiple'].includes(kind.value)) body.options = options.value.split('\n').map((o) => o.trim()).filter(Boolean);
    if (kind.value === 'rating') body.scale = Number(scale.value);
    if (duration.value) body.durationSeconds = Number(duration.value);
    try {
      await api('POST', base, body);
      form.reset();
      show(status, notice('success', 'Draft saved.'));
      reload();
    } catch (err) { show(status, problemBox(err, form)); }
  });

  const liveHost = h('div', { id: 'poll-live' });
  function renderLive() {
    const launched = [...live.state.polls.values()].sort((a, b) => b.id - a.id);
    show(liveHost, launched.length ? launched.map((p) => h('article', { class: ['poll-card', p.state], dataset: { pollId: String(p.id), state: p.state } },
      h('h3', {}, p.question, h('span', { class: 'badge' }, p.state)),
      p.state === 'open' ? button('Close poll', () => act('poll.close', { pollId: p.id }), { class: 'small danger', id: `poll-close-${p.id}` }) : null,
      pollChart(p) || h('p', { class: 'meta' }, 'No votes yet.'),
      p.kind === 'text' && p.tally?.words?.length ? h('details', {}, h('summary', {}, 'Hide a word'),
        p.tally.words.slice(0, 20).map((w) => button(w.word, () => act('poll.hide-word', { pollId: p.id, word: w.word }), { class: 'small secondary', 'aria-label': `Hide ${w.word}` }))) : null))
      : empty('No poll launched yet.'));
  }

  show(host, h('h3', {}, 'Drafts'), draftsHost, h('details', { id: 'new-poll' }, h('summary', {}, 'New poll'), form), status, h('h3', {}, 'Launched'), liveHost);
  reload();
  return { host, renderLive };
}

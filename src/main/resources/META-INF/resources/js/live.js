// A live room connection (protocol: src/docs/live-protocol.md of the live feature). Keeps the room's state from the
// snapshot and the sequenced events after it, reconnects by itself with ?since=<last seq> so nothing is lost or
// applied twice, and resends unacknowledged commands with the same ref (the server stores a ref once). A connection
// opens with a fresh single-use ticket (POST /api/live/tickets), so the access token never goes into the handshake;
// after a drop it comes back with the resume ticket its last join ended with (one request instead of two), and with a
// fresh ticket when that is refused or the token behind it expired.
// A connection lives as long as the token its ticket came from: after each token refresh the room opens a second
// connection with a ticket from the new token, resuming from the last seq, and drops the old one once the new one has
// caught up; if the server closes for an expired token first (4001), it resumes at once. Neither shows as a break.
import { accessToken, onTokenRefreshed } from './auth.js';
import { ApiError, post } from './api.js';

const RETRY = [500, 1000, 2000, 4000, 8000, 15000];
const FATAL = { 4403: 'not-admitted', 4404: 'not-found', 4429: 'too-many-connections', 1003: 'unsupported', 1009: 'too-big' };
const AUTH_EXPIRED = 4001;
/** Attempts a resume ticket gets after a drop before a fresh ticket is minted (a refused one costs one of them). */
const RESUME_TRIES = 2;
/** A command not acknowledged within this long is given up and reported to its author (it is never resent after). */
const GIVE_UP_MS = 60000;
/** How many given-up commands are remembered, so a line stored after all is recognised (see {@link LiveRoom#giveUp}). */
const GIVEN_UP_KEPT = 20;

export class LiveRoom {
  constructor(sessionId, { onChange, onEvent, onError, onStatus, onPending, onArrived, channel, path }) {
    this.sessionId = sessionId;
    /**
     * A session's room, or with {@code channel} (an event's slug) the event's channel (the lobby listens there), or
     * another room by its {@code path} under /live/ ({@code works/7}: a work's guestbook).
     */
    this.path = path || (channel ? `events/${channel}` : `sessions/${sessionId}`);
    this.handlers = { onChange, onEvent, onError, onStatus, onPending, onArrived };
    this.lastSeq = null;
    this.pending = new Map();
    /** Given-up commands by ref: {@code type}, {@code fields}, and {@code key} (type and fields) to know a resend by. */
    this.givenUp = new Map();
    this.state = { questions: new Map(), pinned: null, myVotes: new Set(), chat: [], settings: {}, presence: 0, you: null, room: null, muted: false,
      polls: new Map(), myPollVotes: new Map(), reactions: null, recentReactions: [] };
    this.attempt = 0;
    this.probes = 0;
    this.closed = false;
    this.status = 'connecting';
    /** The connection commands go to; during a renewal {@link #next} catches up beside it. */
    this.ws = null;
    this.next = null;
    // back online: reconnect now instead of after the back-off (once: the back-off's own attempt is cancelled)
    this.online = () => { if (!this.ws && !this.connecting && !this.closed) { clearTimeout(this.timer); this.connect(); } };
    window.addEventListener('online', this.online);
    this.stopRenewing = onTokenRefreshed(() => this.renew());
  }

  /** Opens the room's connection (resuming from the last seq when there is one); quietly when {@code silent}. */
  async connect({ silent = false } = {}) {
    if (this.closed) return;
    if (!silent) this.setStatus(this.lastSeq == null ? 'connecting' : 'reconnecting');
    this.connecting = true;
    try {
      this.ws = await this.open();
    } catch (e) {
      if (this.closed) return;
      if (e === SIGNED_OUT) { this.setStatus('signed-out'); return; }
      this.retry(false); // offline, or the server is busy: try again like a dropped connection
    } finally {
      this.connecting = false;
    }
  }

  /**
   * After a token refresh: a second connection, with a ticket from the new token, resumes beside the current one;
   * once it has caught up it takes over (see {@link #caughtUp}) and the old one, whose token is about to expire, closes.
   */
  async renew() {
    if (this.closed || this.renewing || this.next || this.connecting || this.status !== 'open' || this.ws?.readyState !== WebSocket.OPEN) return;
    this.renewing = true;
    try {
      const ws = await this.open();
      if (this.ws) this.next = ws; else this.ws = ws; // the old one closed meanwhile: this one is the connection now
    } catch {
      // the old connection goes on until its token expires, then the 4001 resume gets a fresh ticket; if it already
      // closed, resume now
      if (!this.ws && !this.closed) this.retry(true);
    } finally {
      this.renewing = false;
    }
  }

  /**
   * A new connection: with the resume ticket of the connection that dropped (once: a refused one is not tried again),
   * else with a fresh ticket; rejects with SIGNED_OUT when there is no sign-in to mint one from.
   */
  async open() {
    // offline, the attempt cannot reach the server: the resume ticket waits for one that can; online, an attempt can
    // still fail on the way (a proxy between nodes, a network that is not back), so it gets RESUME_TRIES of them
    let ticket = navigator.onLine === false ? null : this.resumeTicket;
    if (ticket && ++this.resumeTries >= RESUME_TRIES) this.resumeTicket = null;
    try {
      if (!ticket) {
        if (!(await accessToken())) throw SIGNED_OUT;
        ({ ticket } = await post('/api/live/tickets'));
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) throw SIGNED_OUT;
      throw e;
    }
    if (this.closed) throw new Error('closed');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const since = this.lastSeq != null ? `&since=${this.lastSeq}` : '';
    const ws = new WebSocket(
      `${scheme}://${location.host}/live/${this.path}?ticket=${encodeURIComponent(ticket)}${since}`,
      ['atrium.live.v1']);
    ws.onopen = () => {
      this.attempt = 0;
      if (ticket === this.resumeTicket) this.resumeTicket = null; // used up
      // a resume sends the missed events and no snapshot; a ping sent now is answered after them (the server handles
      // a connection's frames after its join), so its pong says the connection has caught up
      if (since) {
        ws.probe = `resume-${++this.probes}`;
        ws.send(JSON.stringify({ type: 'ping', ref: ws.probe }));
      }
    };
    ws.onmessage = (m) => this.receive(JSON.parse(m.data), ws);
    ws.onclose = (e) => this.lost(ws, e.code);
    return ws;
  }

  /** A connection closed: a renewal that failed is forgotten; the current one is resumed (silently after 4001). */
  lost(ws, code) {
    if (ws === this.next) { this.next = null; return; }
    if (ws !== this.ws) return; // replaced by a renewal
    this.ws = null;
    // a drop comes back with the room's resume ticket (the last joined connection's: an attempt that never joined
    // leaves it be); after 4001 the token behind it has expired or its sign-in ended
    if (code === AUTH_EXPIRED) {
      this.resumeTicket = null;
    } else if (ws.resumeTicket) {
      this.resumeTicket = ws.resumeTicket;
      this.resumeTries = 0;
    }
    if (this.closed) return;
    if (FATAL[code]) {
      // a refusal holds for the renewal too (not admitted, too many connections): say so, do not hand over
      this.next?.close(1000, 'refused');
      this.next = null;
      this.setStatus(FATAL[code]);
      return;
    }
    if (this.next) {
      // the token expired while the renewal was catching up: the renewal becomes the connection
      this.ws = this.next;
      this.next = null;
      return;
    }
    if (this.renewing) return; // the renewal under way becomes the connection
    if (code === AUTH_EXPIRED && this.status === 'open') { this.connect({ silent: true }); return; }
    this.retry(code === AUTH_EXPIRED);
  }

  /** Reconnects after a back-off (at once when the token expired: a fresh token gets a fresh ticket). */
  retry(now) {
    const delay = RETRY[Math.min(this.attempt++, RETRY.length - 1)];
    this.setStatus('reconnecting');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), now ? 0 : delay);
  }

  setStatus(status) {
    this.status = status;
    // the room is gone for good (refused, signed out): what was never acknowledged will not be sent; say so to its author
    if (FATAL_STATUSES.has(status)) this.failPending({ code: 'live.not-sent', status });
    this.handlers.onStatus?.(status);
  }

  /** Whether commands reach the room now: a connection that has caught up (not a blip being resumed, even silently). */
  connected() {
    return Boolean(this.ws?.live && this.ws.readyState === WebSocket.OPEN);
  }

  /** Commands sent and not yet acknowledged or refused. */
  waiting() {
    return this.pending.size;
  }

  /**
   * Sends a command; resolves with its seq when acknowledged, rejects with the error frame. While the connection is
   * down it waits and goes out (same ref) once the room has caught up after the reconnect; it is rejected with
   * {@code live.not-sent} when the room is left for good or nothing acknowledges it within {@link GIVE_UP_MS}.
   * Sending a given-up command again (same type and fields) reuses its ref: if it was stored after all (its ack lost
   * with the connection), the server answers with the original ack and nothing is stored twice.
   */
  send(type, fields = {}) {
    const key = JSON.stringify([type, fields]);
    let ref = crypto.randomUUID();
    for (const [r, g] of this.givenUp) {
      if (g.key === key) { ref = r; this.givenUp.delete(r); break; }
    }
    const frame = JSON.stringify({ type, ref, ...fields });
    return new Promise((resolve, reject) => {
      const giveUp = setTimeout(() => this.giveUp(ref, 'timeout'), GIVE_UP_MS);
      this.pending.set(ref, { frame, resolve, reject, type, fields, key, giveUp });
      if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(frame);
      this.handlers.onPending?.(this.pending.size);
    });
  }

  /** Ends a pending command (acknowledged, refused or given up): no longer resent. */
  settle(ref, then) {
    const p = this.pending.get(ref);
    if (!p) return null;
    this.pending.delete(ref);
    clearTimeout(p.giveUp);
    then(p);
    this.handlers.onPending?.(this.pending.size);
    return p;
  }

  /**
   * Reports a pending command as not sent and stops resending it. It may have been stored all the same (sent, its ack
   * lost with the connection), so it is remembered: its line arriving later in the room's events, or the author
   * sending it again, clears the report (see {@link #arrived}, {@link #send}).
   */
  giveUp(ref, status) {
    const p = this.settle(ref, (c) => c.reject({ code: 'live.not-sent', status }));
    if (!p) return;
    this.givenUp.set(ref, { type: p.type, fields: p.fields, key: p.key });
    if (this.givenUp.size > GIVEN_UP_KEPT) this.givenUp.delete(this.givenUp.keys().next().value);
  }

  failPending(error) {
    for (const ref of [...this.pending.keys()]) this.settle(ref, (p) => p.reject(error));
  }

  /**
   * A room event that is the author's own line (chat or question) matching a given-up command: it was stored after
   * all, so it is no longer "not sent" ({@code onArrived} with the command's type and fields).
   */
  arrived(f) {
    if (!this.givenUp.size) return;
    const line = f.type === 'chat.posted' ? ['chat.post', f.message] : f.type === 'question.asked' ? ['question.ask', f.question] : null;
    const you = this.state.you?.subject;
    if (!line || !you || line[1]?.author?.subject !== you) return;
    for (const [ref, g] of this.givenUp) {
      if (g.type === line[0] && g.fields.text === line[1].text) {
        this.givenUp.delete(ref);
        this.handlers.onArrived?.(g.type, g.fields);
        return;
      }
    }
  }

  receive(f, ws = this.ws) {
    const s = this.state;
    switch (f.type) {
      case 'snapshot': {
        s.questions = new Map((f.questions || []).map((q) => [q.id, q]));
        s.pinned = f.pinned;
        s.myVotes = new Set(f.myVotes || []);
        s.chat = f.chat || [];
        s.settings = f.settings || {};
        s.presence = f.presence ?? s.presence;
        s.you = f.you;
        s.room = f.room;
        s.polls = new Map((f.polls || []).map((p) => [p.id, p]));
        s.myPollVotes = new Map((f.myPollVotes || []).map((v) => [v.pollId, v]));
        this.lastSeq = f.seq;
        this.caughtUp(ws);
        this.handlers.onChange?.(f);
        return;
      }
      case 'ack': {
        const p = this.settle(f.ref, (c) => {
          if (c.type === 'question.vote') s.myVotes.add(c.fields.questionId);
          if (c.type === 'question.unvote') s.myVotes.delete(c.fields.questionId);
          if (c.type === 'poll.vote') s.myPollVotes.set(c.fields.pollId, { ...c.fields });
          c.resolve(f.seq);
        });
        if (p) this.handlers.onChange?.(f);
        return;
      }
      case 'error': {
        if (f.code === 'auth.expired') return; // the close (4001) that follows resumes with a fresh ticket
        if (!(f.ref && this.settle(f.ref, (p) => p.reject(f)))) this.handlers.onError?.(f);
        return;
      }
      case 'pong': if (f.ref && f.ref === ws?.probe) this.caughtUp(ws); return;
      case 'resume': if (ws) ws.resumeTicket = f.ticket; return;
      case 'presence': s.presence = f.count; this.handlers.onChange?.(f); return;
      default: break;
    }
    if (typeof f.seq === 'number') {
      if (this.lastSeq != null && f.seq <= this.lastSeq) return; // already applied
      this.lastSeq = f.seq;
    }
    this.apply(f);
    this.arrived(f);
    this.handlers.onEvent?.(f);
    this.handlers.onChange?.(f);
  }

  /**
   * After a snapshot or the catch-up frames: the connection is live (a renewal takes over from the old one); resend
   * what was never acknowledged, with the same refs.
   */
  caughtUp(ws) {
    if (!ws || ws.live) return;
    ws.live = true;
    if (ws === this.next) {
      const old = this.ws;
      this.ws = ws;
      this.next = null;
      old?.close(1000, 'renewed');
    }
    if (ws !== this.ws) return;
    this.setStatus('open');
    for (const p of this.pending.values()) ws.send(p.frame);
  }

  apply(f) {
    const s = this.state;
    switch (f.type) {
      case 'question.asked': s.questions.set(f.question.id, { replies: [], ...f.question }); break;
      case 'question.updated': {
        const old = s.questions.get(f.question.id);
        const q = { replies: old?.replies || [], ...f.question };
        if (['withdrawn', 'merged'].includes(q.state)) s.questions.delete(q.id); else s.questions.set(q.id, q);
        if (f.unpinned != null && s.questions.has(f.unpinned)) s.questions.get(f.unpinned).pinned = false;
        if (q.pinned) s.pinned = q.id; else if (s.pinned === q.id) s.pinned = null;
        break;
      }
      case 'question.voted': { const q = s.questions.get(f.questionId); if (q) q.votes = f.votes; break; }
      case 'question.replied': { const q = s.questions.get(f.questionId); if (q) q.replies = [...(q.replies || []), f.reply]; break; }
      case 'question.merged': {
        s.questions.delete(f.questionId);
        const old = s.questions.get(f.into.id);
        s.questions.set(f.into.id, { replies: old?.replies || [], ...f.into });
        if (s.myVotes.has(f.questionId)) { s.myVotes.delete(f.questionId); s.myVotes.add(f.into.id); }
        break;
      }
      case 'room.updated': s.settings = f.settings; break;
      case 'chat.posted': s.chat = [...s.chat, f.message].slice(-200); break;
      case 'chat.deleted': s.chat = s.chat.filter((m) => m.id !== f.messageId); break;
      case 'member.muted': if (f.subject === s.you?.subject) s.muted = true; break;
      case 'member.unmuted': if (f.subject === s.you?.subject) s.muted = false; break;
      case 'poll.launched': s.polls.set(f.poll.id, f.poll); break;
      case 'poll.closed': {
        // a moderators-only tally is not in the close: moderators keep the one the ticks brought
        const old = s.polls.get(f.poll.id);
        s.polls.set(f.poll.id, { ...old, ...f.poll, tally: f.poll.tally || old?.tally });
        break;
      }
      case 'poll.results': {
        const p = s.polls.get(f.pollId);
        if (p) p.tally = { voters: f.voters, counts: f.counts, words: f.words };
        break;
      }
      case 'poll.word-hidden': {
        const p = s.polls.get(f.pollId);
        if (p?.tally?.words) p.tally.words = p.tally.words.filter((w) => w.word !== f.word);
        break;
      }
      case 'reactions': {
        // the last tick's counts, and the ticks of the last 30 seconds (the speaker's "can't hear" count)
        const now = Date.now();
        s.reactions = f.counts;
        s.recentReactions = [...s.recentReactions.filter((r) => now - r.at < 30000), { at: now, counts: f.counts }];
        break;
      }
      default: break;
    }
  }

  /** Drops the connection without a close handshake being awaited (used by tests and on page leave). */
  drop() {
    this.ws?.close();
  }

  close() {
    this.closed = true;
    for (const p of this.pending.values()) clearTimeout(p.giveUp);
    clearTimeout(this.timer);
    window.removeEventListener('online', this.online);
    this.stopRenewing();
    this.next?.close(1000, 'leaving');
    this.ws?.close(1000, 'leaving');
  }
}

const SIGNED_OUT = new Error('signed out');
const FATAL_STATUSES = new Set([...Object.values(FATAL), 'signed-out']);

/** Reactions of the last {@code ms} milliseconds, summed per kind. */
export function recentReactions(state, ms = 30000) {
  const now = Date.now();
  const sum = {};
  for (const r of state.recentReactions) {
    if (now - r.at >= ms) continue;
    for (const [k, n] of Object.entries(r.counts)) sum[k] = (sum[k] || 0) + n;
  }
  return sum;
}

/** Human words for the error codes the hub sends. */
export function errorText(e) {
  const code = e.code || '';
  if (code.endsWith('.rate-limited')) return 'You are sending too fast. Wait a moment and try again.';
  if (code === 'chat.slow-mode') return e.message || 'Slow mode is on: wait a little between messages.';
  if (code === 'member.muted') return 'A moderator has muted you in this room: you can read, but not post.';
  if (code === 'qa.closed') return 'Q&A is closed in this room. You can still read the questions and answers.';
  if (code === 'chat.banned-word') return 'This message contains a word not allowed at this event.';
  if (code === 'poll.already-voted') return 'You have voted in this poll already.';
  if (code === 'poll.closed') return 'This poll is closed.';
  if (code === 'poll.banned-word') return 'This answer contains a word not allowed at this event.';
  if (code === 'poll.too-many-choices') return `Choose at most ${e.max} options.`;
  if (code === 'text.too-long') return `That is too long (at most ${e.max} characters).`;
  if (code === 'live.not-sent') {
    return e.status === 'signed-out' ? 'Not sent: your sign-in has ended. Sign in again and send it again.'
      : e.status === 'timeout' ? 'Not sent: the live room could not be reached for a minute. Check your connection and send it again.'
        : 'Not sent: you are no longer connected to this live room.';
  }
  if (code === 'storage.unavailable') return 'The room cannot store messages right now; nothing was lost. Try again in a moment.';
  return e.message || code;
}

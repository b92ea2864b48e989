// A live room connection (protocol: src/docs/live-protocol.md of the live feature). Keeps the room's state from the
// snapshot and the sequenced events after it, reconnects by itself with ?since=<last seq> so nothing is lost or
// applied twice, and resends unacknowledged commands with the same ref (the server stores a ref once). Each connection
// opens with a fresh single-use ticket (POST /api/live/tickets), so the access token never goes into the handshake.
import { accessToken } from './auth.js';
import { ApiError, post } from './api.js';

const RETRY = [500, 1000, 2000, 4000, 8000, 15000];
const FATAL = { 4403: 'not-admitted', 4404: 'not-found', 4429: 'too-many-connections', 1003: 'unsupported', 1009: 'too-big' };

export class LiveRoom {
  constructor(sessionId, { onChange, onEvent, onError, onStatus }) {
    this.sessionId = sessionId;
    this.handlers = { onChange, onEvent, onError, onStatus };
    this.lastSeq = null;
    this.pending = new Map();
    this.state = { questions: new Map(), pinned: null, myVotes: new Set(), chat: [], settings: {}, presence: 0, you: null, room: null, muted: false };
    this.attempt = 0;
    this.closed = false;
    this.status = 'connecting';
    this.online = () => { if (!this.ws && !this.connecting) this.connect(); };
    window.addEventListener('online', this.online);
  }

  async connect() {
    if (this.closed) return;
    this.setStatus('connecting');
    this.connecting = true;
    let ticket;
    try {
      if (!(await accessToken())) { this.setStatus('signed-out'); return; }
      ({ ticket } = await post('/api/live/tickets'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) { this.setStatus('signed-out'); return; }
      this.retry(false); // offline, or the server is busy: try again like a dropped connection
      return;
    } finally {
      this.connecting = false;
    }
    if (this.closed) return;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const since = this.lastSeq != null ? `&since=${this.lastSeq}` : '';
    const ws = new WebSocket(
      `${scheme}://${location.host}/live/sessions/${this.sessionId}?ticket=${encodeURIComponent(ticket)}${since}`,
      ['atrium.live.v1']);
    this.ws = ws;
    ws.onopen = () => { this.attempt = 0; };
    ws.onmessage = (m) => this.receive(JSON.parse(m.data));
    ws.onclose = (e) => {
      if (this.ws === ws) this.ws = null;
      if (this.closed) return;
      if (FATAL[e.code]) { this.setStatus(FATAL[e.code]); return; }
      this.retry(e.code === 4001);
    };
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
    this.handlers.onStatus?.(status);
  }

  /** Sends a command; resolves with its seq when acknowledged, rejects with the error frame. */
  send(type, fields = {}) {
    const ref = crypto.randomUUID();
    const frame = JSON.stringify({ type, ref, ...fields });
    return new Promise((resolve, reject) => {
      this.pending.set(ref, { frame, resolve, reject, type, fields });
      if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(frame);
    });
  }

  receive(f) {
    const s = this.state;
    switch (f.type) {
      case 'snapshot': {
        s.questions = new Map(f.questions.map((q) => [q.id, q]));
        s.pinned = f.pinned;
        s.myVotes = new Set(f.myVotes || []);
        s.chat = f.chat || [];
        s.settings = f.settings || {};
        s.presence = f.presence ?? s.presence;
        s.you = f.you;
        s.room = f.room;
        this.lastSeq = f.seq;
        this.live();
        this.handlers.onChange?.(f);
        return;
      }
      case 'ack': {
        const p = this.pending.get(f.ref);
        if (p) {
          this.pending.delete(f.ref);
          if (p.type === 'question.vote') s.myVotes.add(p.fields.questionId);
          if (p.type === 'question.unvote') s.myVotes.delete(p.fields.questionId);
          p.resolve(f.seq);
          this.handlers.onChange?.(f);
        }
        return;
      }
      case 'error': {
        const p = f.ref && this.pending.get(f.ref);
        if (p) { this.pending.delete(f.ref); p.reject(f); } else this.handlers.onError?.(f);
        return;
      }
      case 'pong': return;
      case 'presence': s.presence = f.count; this.handlers.onChange?.(f); return;
      default: break;
    }
    if (typeof f.seq === 'number') {
      if (this.lastSeq != null && f.seq <= this.lastSeq) return; // already applied
      this.lastSeq = f.seq;
    }
    this.apply(f);
    this.handlers.onEvent?.(f);
    this.handlers.onChange?.(f);
  }

  /** After a snapshot or the catch-up frames: online; resend what was never acknowledged. */
  live() {
    this.setStatus('open');
    for (const p of this.pending.values()) this.ws?.send(p.frame);
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
      default: break;
    }
  }

  /** Drops the connection without a close handshake being awaited (used by tests and on page leave). */
  drop() {
    this.ws?.close();
  }

  close() {
    this.closed = true;
    clearTimeout(this.timer);
    window.removeEventListener('online', this.online);
    this.ws?.close(1000, 'leaving');
  }
}

/** Human words for the error codes the hub sends. */
export function errorText(e) {
  const code = e.code || '';
  if (code.endsWith('.rate-limited')) return 'You are sending too fast. Wait a moment and try again.';
  if (code === 'chat.slow-mode') return e.message || 'Slow mode is on: wait a little between messages.';
  if (code === 'member.muted') return 'A moderator has muted you in this room: you can read, but not post.';
  if (code === 'qa.closed') return 'Q&A is closed in this room. You can still read the questions and answers.';
  if (code === 'chat.banned-word') return 'This message contains a word not allowed at this event.';
  if (code === 'text.too-long') return `That is too long (at most ${e.max} characters).`;
  if (code === 'storage.unavailable') return 'The room cannot store messages right now; nothing was lost. Try again in a moment.';
  return e.message || code;
}

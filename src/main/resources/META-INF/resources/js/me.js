// What the signed-in person may do, from GET /api/me (the server stays the authority: this only hides controls a
// person could not use). Cached per signed-in subject; null when signed out.
import { currentUser } from './auth.js';
import { get } from './api.js';

let cached = { subject: null, answer: null };

/** {subject, name, preferredUsername, email, canCreateEvents} of the signed-in account, or null. */
export async function me() {
  const user = currentUser();
  if (!user) return null;
  if (cached.subject !== user.subject || !cached.answer) {
    const subject = user.subject;
    cached = {
      subject,
      answer: get('/api/me').catch(() => {
        // not remembered: the next call asks again (a failed request must not hide controls until a reload)
        if (cached.subject === subject) cached = { subject: null, answer: null };
        return null;
      }),
    };
  }
  return cached.answer;
}

/** Whether the signed-in account may create events (false when signed out or unknown). */
export async function canCreateEvents() {
  return Boolean((await me())?.canCreateEvents);
}

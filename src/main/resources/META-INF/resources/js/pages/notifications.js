// The signed-in account's e-mail notifications: which kinds to receive and how long before the event and each
// starred or signed-up session the reminders come (src/docs/notifications.md). The links in every e-mail lead here.
import { h, button, notice, show } from '../dom.js';
import { get, put, problemLines } from '../api.js';
import { currentUser, signIn } from '../auth.js';

const main = () => document.getElementById('main');

export async function notificationsPage() {
  const head = h('h1', {}, 'E-mail notifications');
  if (!currentUser()) {
    show(main(), head, h('p', {}, 'Sign in to choose which e-mails you receive.'),
      button('Sign in', () => signIn(location.hash), { id: 'sign-in-for-notifications' }));
    return;
  }
  const prefs = await get('/api/me/notification-preferences');
  const status = h('div', { id: 'notification-status', 'aria-live': 'polite' });
  const box = (name, label, checked) => h('div', { class: 'notify18-choice' },
    h('input', { type: 'checkbox', id: `notify-${name}`, name, checked }),
    h('label', { for: `notify-${name}` }, label));
  const minutes = (name, label, value, hint) => h('div', { class: 'field' },
    h('label', { for: `notify-${name}` }, label),
    h('input', { type: 'number', id: `notify-${name}`, name, min: 1, max: 20160, value: value ?? '', 'aria-describedby': `notify-${name}-hint` }),
    h('small', { class: 'hint', id: `notify-${name}-hint` }, hint));
  const form = h('form', { id: 'notification-form', class: 'notify18-form' },
    h('fieldset', {}, h('legend', {}, 'Send me e-mails about'),
      box('registration', 'my registrations (received, confirmed, waiting list, cancelled)', prefs.registration),
      box('reminders', 'reminders before events and sessions', prefs.reminders),
      box('schedule', 'changes to sessions I starred, signed up for or speak in', prefs.schedule)),
    minutes('eventReminderMinutes', 'Event reminder, minutes before it starts', prefs.eventReminderMinutes, 'Empty: no event reminder. 1440 is a day.'),
    minutes('sessionReminderMinutes', 'Session reminder, minutes before each of my sessions', prefs.sessionReminderMinutes, 'Empty: no session reminders.'),
    h('button', { type: 'submit', id: 'save-notifications' }, 'Save'),
    status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const lead = (name) => {
      const v = form.elements[name].value.trim();
      return v === '' ? null : Number(v);
    };
    try {
      await put('/api/me/notification-preferences', {
        registration: form.elements.registration.checked,
        reminders: form.elements.reminders.checked,
        schedule: form.elements.schedule.checked,
        eventReminderMinutes: lead('eventReminderMinutes'),
        sessionReminderMinutes: lead('sessionReminderMinutes'),
      });
      show(status, notice('success', 'Saved.'));
    } catch (err) {
      show(status, notice('error', problemLines(err).join(' ')));
    }
  });
  show(main(), head,
    h('p', {}, 'Messages come as plain text and HTML, without images or tracking. Each one has a link to stop that kind of message.'),
    form);
}

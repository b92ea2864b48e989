// The signed-in account's notifications: the list of in-app notices (the same notices as the e-mails, newest first)
// and which e-mails to receive, how long before the event and each starred or signed-up session the reminders come
// (src/docs/notifications.md). The links in every e-mail lead here.
import { h, button, notice, show, empty } from '../dom.js';
import { get, post, put, problemLines } from '../api.js';
import { currentUser, signIn } from '../auth.js';
import { localDate, clock, viewerZone, shortDay } from '../time.js';

const main = () => document.getElementById('main');

export async function notificationsPage() {
  const head = h('h1', {}, 'Notifications');
  if (!currentUser()) {
    show(main(), head, h('p', {}, 'Sign in to choose which e-mails you receive.'),
      button('Sign in', () => signIn(location.hash), { id: 'sign-in-for-notifications' }));
    return;
  }
  const [prefs, inbox] = await Promise.all([
    get('/api/me/notification-preferences'), get('/api/me/notifications')]);
  const list = noticeList(inbox);
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
  show(main(), h('h1', {}, 'Notifications'), list,
    h('h2', {}, 'E-mail notifications'),
    h('p', {}, 'Messages come as plain text and HTML, without images or tracking. Each one has a link to stop that kind of message.'),
    form);
}

// The latest notices; unread ones are marked until "Mark all as read".
function noticeList(inbox) {
  const zone = viewerZone();
  const items = inbox.notices.map((n) => h('li', { class: n.read ? 'notify18-notice' : 'notify18-notice notify18-unread' },
    h('a', { href: n.link }, n.title),
    h('p', {}, n.text),
    h('small', {}, `${shortDay(localDate(n.at, zone))} ${clock(n.at, zone)}`, n.read ? null : h('span', { class: 'notify18-new' }, ' · new'))));
  const section = h('section', { id: 'notice-list', 'aria-label': 'Your notifications' });
  const unread = h('p', { id: 'notice-unread' }, inbox.unread === 0 ? 'Nothing unread.' : `${inbox.unread} unread.`);
  const markRead = inbox.unread === 0 || inbox.notices.length === 0 ? null : button('Mark all as read', async () => {
    await post(`/api/me/notifications/read?upTo=${inbox.notices[0].id}`);
    show(section, ...noticeList(await get('/api/me/notifications')).childNodes);
  }, { id: 'mark-notices-read' });
  show(section, unread, markRead,
    items.length ? h('ul', { class: 'notify18-notices' }, ...items) : empty('No notifications yet.'));
  return section;
}

// An invitation link (#/events/{slug}/invitations/{token}): what it is for, then sign in and accept it.
import { h, show, notice, button, announce } from '../dom.js';
import { get, post } from '../api.js';
import { currentUser, signIn } from '../auth.js';
import { problemBox } from '../widgets.js';

const main = () => document.getElementById('main');

export async function invitationPage(slug, token) {
  const path = `/api/events/${slug}/invitations/${token}`;
  let invitation;
  try {
    invitation = await get(path);
  } catch (e) {
    show(main(), h('h1', {}, 'Invitation'), problemBox(e), h('p', {}, h('a', { href: '#/' }, 'Back to the events')));
    return;
  }
  const what = invitation.kind === 'SPEAKER'
    ? `to speak at ${invitation.eventTitle} as ${invitation.speakerName}: accepting links your account to that speaker profile, so you can edit it and moderate your sessions’ live rooms.`
    : `to organise ${invitation.eventTitle} with ${invitation.invitedByName || 'its organisers'}.`;
  const status = h('div', { class: 'form-status', id: 'invitation-status' });
  const pending = invitation.state === 'PENDING';
  const action = !pending ? notice('warning', {
    ACCEPTED: 'This invitation has been accepted already.',
    EXPIRED: 'This invitation has expired; ask the organisers for a new one.',
    REVOKED: 'The organisers withdrew this invitation.',
  }[invitation.state] || invitation.state)
    : currentUser()
      ? button('Accept the invitation', async () => {
        try {
          const accepted = await post(`${path}/accept`);
          announce('Invitation accepted');
          location.hash = accepted.kind === 'ORGANISER' ? `#/events/${accepted.eventSlug}/edit` : `#/events/${accepted.eventSlug}`;
        } catch (e) {
          show(status, problemBox(e));
        }
      }, { id: 'accept-invitation' })
      : button('Sign in to accept', () => signIn(location.hash), { id: 'sign-in-to-accept' });
  show(main(),
    h('h1', {}, `Invitation: ${invitation.eventTitle}`),
    h('p', { id: 'invitation-what' }, `${invitation.invitedByName || 'An organiser'} invites you ${what}`),
    pending ? h('p', { class: 'meta' }, `Valid until ${new Date(invitation.expiresAt).toLocaleString()}.`) : null,
    currentUser() && pending ? h('p', {}, `You are signed in as ${currentUser().name}.`) : null,
    h('p', {}, action), status);
}

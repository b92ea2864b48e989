package org.atrium.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.atrium.event.Event;
import org.atrium.speaker.Speaker;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionRolesTest {

    @Inject
    Fixtures fixtures;

    @Inject
    SessionRoles roles;

    @Test
    void linkedSpeakersAndModeratorsAreOnTheirSessionsOnly() {
        String subject = "roles-" + Fixtures.uniqueSlug("acct");
        Event event = fixtures.publishedEvent();
        Speaker linked = fixtures.speaker(event, "Linked", subject);
        Speaker unlinked = fixtures.speaker(event, "Unlinked", null);
        ConferenceSession late = fixtures.session(
                event, null, "Late", Instant.parse("2027-05-12T12:00:00Z"), Instant.parse("2027-05-12T13:00:00Z"));
        ConferenceSession early = fixtures.session(
                event, null, "Early", Instant.parse("2027-05-12T08:00:00Z"), Instant.parse("2027-05-12T09:00:00Z"));
        ConferenceSession without = fixtures.session(
                event, null, "Without", Instant.parse("2027-05-12T10:00:00Z"), Instant.parse("2027-05-12T11:00:00Z"));
        fixtures.addSpeaker(late, linked, SessionSpeaker.Role.MODERATOR);
        fixtures.addSpeaker(early, linked, SessionSpeaker.Role.SPEAKER);
        fixtures.addSpeaker(without, unlinked, SessionSpeaker.Role.SPEAKER);

        assertTrue(roles.isSpeakerOrModerator(late.id, subject));
        assertTrue(roles.isSpeakerOrModerator(early.id, subject));
        assertFalse(roles.isSpeakerOrModerator(without.id, subject));
        assertFalse(roles.isSpeakerOrModerator(late.id, "someone-else"));
        assertFalse(roles.isSpeakerOrModerator(late.id, null));
        assertTrue(roles.isModerator(late.id, subject));
        assertFalse(roles.isModerator(early.id, subject));
        assertEquals(Optional.of(SessionSpeaker.Role.SPEAKER), roles.roleOf(early.id, subject));
        assertEquals(List.of(early.id, late.id), roles.sessionsOf(subject));
        assertEquals(List.of(), roles.sessionsOf("nobody-" + subject));
    }
}

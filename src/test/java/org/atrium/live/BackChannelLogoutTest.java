package org.atrium.live;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.support.Fixtures;
import org.atrium.support.LocalIssuer;
import org.atrium.support.SignedTokens;
import org.atrium.support.SignedTokens.Claims;
import org.junit.jupiter.api.Test;

/**
 * Sign-out that signs out, as a provider like Keycloak does it: when a sign-in session ends, the provider posts a signed
 * logout token to {@code /api/auth/backchannel-logout}; from then on tokens of that session are refused although they
 * have not expired, and the account's live connections close (4001) so that only its other sessions resume.
 */
@QuarkusTest
@TestProfile(LocalIssuer.class)
class BackChannelLogoutTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    record Room(String path, Claims ama) {}

    private Room room() {
        Event event = fixtures.publishedEvent();
        Instant now = Instant.now();
        ConferenceSession session = fixtures.session(
                event, null, "Clearance", now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofMinutes(55)));
        Claims ama = new Claims(UUID.randomUUID().toString(), "Ama Owusu", "ama", "ama@example.org", Set.of("user"));
        fixtures.registration(event, ama.subject(), Registration.State.CONFIRMED, null);
        return new Room("/live/sessions/" + session.id, ama);
    }

    private LiveClient join(Room room, String token) {
        LiveClient c = LiveClient.connect(base, room.path(), Map.of("Authorization", token), List.of());
        c.next("snapshot");
        return c;
    }

    private static int me(String token) {
        return given().header("Authorization", token).get("/api/me").statusCode();
    }

    private static int logout(String logoutToken) {
        return given().formParam("logout_token", logoutToken)
                .post("/api/auth/backchannel-logout")
                .statusCode();
    }

    @Test
    void theEndedSessionIsRefusedAndItsConnectionsCloseWhileOtherDevicesGoOn() {
        Room room = room();
        String laptop = SignedTokens.bearer(room.ama(), "session-laptop-" + UUID.randomUUID());
        String laptopSession = laptop;
        String phone = SignedTokens.bearer(room.ama(), "session-phone-" + UUID.randomUUID());
        String laptopResume;
        String phoneResume;
        try (LiveClient onLaptop = join(room, laptop);
                LiveClient onPhone = join(room, phone)) {
            laptopResume = onLaptop.resumeTicket();
            phoneResume = onPhone.resumeTicket();
            assertEquals(200, me(laptop));
            String sid = sid(laptopSession);
            assertEquals(200, logout(SignedTokens.logoutToken(room.ama().subject(), sid)));

            assertEquals(4001, onLaptop.awaitClose());
            assertEquals(4001, onPhone.awaitClose()); // every connection of the account is asked to resume
        }
        assertEquals(401, me(laptop));
        assertEquals(401, LiveClient.refusal(base, room.path(), Map.of("Authorization", laptop)));
        // the resume ticket of the ended sign-in dies with it; the phone's resumes
        assertEquals(401, LiveClient.refusal(base, room.path() + "?ticket=" + laptopResume, Map.of()));
        try (LiveClient resumed =
                LiveClient.connect(base, room.path() + "?ticket=" + phoneResume, Map.of(), List.of())) {
            resumed.next("snapshot");
            resumed.resumeTicket();
        }
        assertEquals(200, me(phone));
        try (LiveClient again = join(room, phone)) {
            assertEquals(
                    "ack",
                    again.command("{\"type\":\"chat.post\",\"ref\":\"p1\",\"text\":\"still here\"}")
                            .get("type")
                            .asText());
        }
    }

    @Test
    void aLogoutTokenNamingOnlyTheSubjectEndsEveryEarlierToken() throws InterruptedException {
        Room room = room();
        String laptop = SignedTokens.bearer(room.ama(), "s1-" + UUID.randomUUID());
        String phone = SignedTokens.bearer(room.ama(), "s2-" + UUID.randomUUID());
        Thread.sleep(1100); // the logout is issued in a later second than the tokens (iat has second precision)
        assertEquals(200, logout(SignedTokens.logoutToken(room.ama().subject(), null)));
        assertEquals(401, me(laptop));
        assertEquals(401, me(phone));
        Thread.sleep(1100);
        assertEquals(200, me(SignedTokens.bearer(room.ama(), "s3-" + UUID.randomUUID()))); // a new sign-in works
    }

    @Test
    void aForgedLogoutTokenEndsNothing() throws Exception {
        Room room = room();
        String sid = "s-" + UUID.randomUUID();
        String token = SignedTokens.bearer(room.ama(), sid);
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = SignedTokens.logoutToken(
                room.ama().subject(), sid, generator.generateKeyPair().getPrivate());
        assertEquals(400, logout(forged));
        assertEquals(400, logout("not-a-token"));
        assertEquals(200, me(token));
    }

    private static String sid(String bearer) {
        String payload = new String(
                java.util.Base64.getUrlDecoder()
                        .decode(bearer.substring("Bearer ".length()).split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        return payload.replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
    }
}

package org.atrium.ui;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URL;
import java.time.Instant;
import org.atrium.event.Event;
import org.atrium.live.PersonalNotices;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The notification list on #/notifications: the account's notices newest first, the unread ones marked, a link into
 * the page they are about, and "Mark all as read". The notice is written as the sender writes it (an outbox row and
 * its notice); NotificationsTest covers how notices come to be.
 */
@QuarkusTest
class NotificationListBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    EntityManager em;

    @Inject
    PersonalNotices notices;

    /**
     * In a session's live room the page also holds the event's channel: a notice for the person shows at once, with
     * its link. The notice is pushed as the sender pushes it, until the page's connection has joined (notices are not
     * stored on the channel, so one pushed before the join is not for this page).
     */
    @Test
    void aNoticeForThePersonShowsInTheLiveRoomWhileTheyAreThere() {
        ConferenceSession session = fixtures.sessionUnderway("notices");
        Event event = session.event;
        fixtures.registration(event, "ines", Registration.State.CONFIRMED, "Europe/London");
        String json = "{\"id\":1,\"eventId\":" + event.id + ",\"kind\":\"SESSION_CHANGED\",\"title\":\"Changed:"
                + " Keynote\",\"text\":\"\\\"Keynote\\\" has changed.\",\"link\":\"/#/events/" + event.slug
                + "\",\"at\":\"2027-05-12T11:00:00Z\",\"read\":false}";
        try (Browser b = new Browser(base, "Europe/London")) {
            b.signIn("ines");
            b.open("#/events/" + event.slug + "/sessions/" + session.id);
            WebElement shown = b.wait.until(d -> {
                notices.tell(event.id, "ines", json);
                return d.findElements(By.cssSelector("#live-notices .notice-title")).stream()
                        .findFirst()
                        .orElse(null);
            });
            assertThat(shown.getText(), equalTo("Changed: Keynote"));
            assertThat(b.text(By.id("live-notices")), containsString("\"Keynote\" has changed."));
            b.click(By.cssSelector("#live-notices .notice-title"));
            b.waitForRoute("#/events/" + event.slug);
            assertThat(b.consoleErrors(), empty());
        }
    }

    @Test
    void theListShowsTheNewestNoticeUnreadLinksToItsPageAndMarksAllRead() {
        Event event = fixtures.publishedEvent();
        String title = "Changed: Panel at " + event.slug;
        QuarkusTransaction.requiringNew().run(() -> {
            Number outbox = (Number) em.createNativeQuery("insert into notification_outbox (event_id, kind, category,"
                            + " recipient, email, state, due_at, created_at, sent_at) values (?1, 'SESSION_CHANGED',"
                            + " 'SCHEDULE', 'ines', 'ines@example.com', 'SENT', ?2, ?2, ?2) returning id")
                    .setParameter(1, event.id)
                    .setParameter(2, Instant.now())
                    .getSingleResult();
            em.createNativeQuery("insert into notification_inbox (outbox_id, recipient, event_id, kind, title, body,"
                            + " link, created_at) values (?1, 'ines', ?2, 'SESSION_CHANGED', ?3,"
                            + " '\"Panel\" has changed.', ?4, ?5)")
                    .setParameter(1, outbox.longValue())
                    .setParameter(2, event.id)
                    .setParameter(3, title)
                    .setParameter(4, "/#/events/" + event.slug)
                    .setParameter(5, Instant.now())
                    .executeUpdate();
        });

        try (Browser b = new Browser(base, "Europe/London")) {
            b.signIn("ines");
            b.open("#/notifications");
            WebElement first = b.wait.until(d -> d.findElement(By.cssSelector("#notice-list li")));
            assertThat(first.findElement(By.tagName("a")).getText(), equalTo(title));
            assertTrue(first.getAttribute("class").contains("notify18-unread"), "the new notice is marked unread");
            assertThat(first.findElement(By.tagName("p")).getText(), equalTo("\"Panel\" has changed."));
            b.screenshot("notification-list");
            assertThat(b.axeViolations(), empty());

            b.click(By.id("mark-notices-read"));
            b.wait.until(d -> d.findElement(By.id("notice-unread")).getText().equals("Nothing unread."));
            WebElement read = b.find(By.cssSelector("#notice-list li"));
            assertEquals("notify18-notice", read.getAttribute("class"));

            read.findElement(By.tagName("a")).click();
            b.waitForRoute("#/events/" + event.slug);
            assertThat(b.text(By.cssSelector("#main h1")), equalTo(event.title));
            assertThat(b.consoleErrors(), empty());
        }
    }
}

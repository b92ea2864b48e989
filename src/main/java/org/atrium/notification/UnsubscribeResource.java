package org.atrium.notification;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.Map;
import org.atrium.common.DomainException;

/**
 * One-click unsubscribe (RFC 8058). Mail providers POST {@code List-Unsubscribe=One-Click} to the link in the
 * {@code List-Unsubscribe} header; that turns the message's category off for its recipient, no sign-in needed (the
 * token is signed). A GET (a person following the link, or a scanner prefetching it) changes nothing: it shows a
 * page with the button that posts.
 */
@Path("/api/notifications/unsubscribe")
public class UnsubscribeResource {

    @Inject
    UnsubscribeTokens tokens;

    @Inject
    NotificationConfig config;

    @Inject
    Clock clock;

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public String confirm(@QueryParam("token") String token) {
        UnsubscribeTokens.Subject s = verify(token);
        return page(s, token, false);
    }

    @POST
    @PermitAll
    @Transactional
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @Produces(MediaType.TEXT_HTML)
    public String unsubscribe(@QueryParam("token") String token) {
        UnsubscribeTokens.Subject s = verify(token);
        // the recipient is an account's subject, or speaker:<id> for a speaker without one: either has a row
        NotificationPreference p = Preferences.of(s.recipient(), config);
        p.set(s.category(), false);
        p.updatedAt = clock.instant();
        return page(s, token, true);
    }

    private static String page(UnsubscribeTokens.Subject s, String token, boolean done) {
        Map<String, Object> model = Map.of(
                "language",
                Messages.LOCALE.getLanguage(),
                "categoryName",
                Templates.phrase("category." + s.category().name(), Map.of(), Messages.LOCALE),
                "token",
                token,
                "done",
                done);
        return Templates.render("unsubscribe.html", model, Messages.LOCALE);
    }

    private UnsubscribeTokens.Subject verify(String token) {
        return tokens.verify(token)
                .orElseThrow(() -> DomainException.invalid(
                        "notification.bad-token", "This unsubscribe link is not valid (or no longer valid)."));
    }
}

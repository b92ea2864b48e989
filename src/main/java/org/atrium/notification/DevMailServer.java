package org.atrium.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Dev mode only (not built into the packaged app): a real SMTP server, GreenMail, on {@code atrium.smtp.port}, so
 * that every notification of {@code ./mvnw quarkus:dev} is really sent and caught; {@code /dev/mail} lists what it
 * caught, newest first, and the log names the address at start.
 */
@Path("/dev/mail")
@ApplicationScoped
@IfBuildProfile("dev")
class DevMailServer {

    private static final Logger LOG = Logger.getLogger(DevMailServer.class);

    @Inject
    SmtpConfig config;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int httpPort;

    private GreenMail server;

    void start(@Observes StartupEvent startup) {
        if (!config.devServer()) {
            return;
        }
        GreenMail mail = new GreenMail(new ServerSetup(config.port(), config.host(), ServerSetup.PROTOCOL_SMTP));
        try {
            mail.start();
        } catch (RuntimeException e) {
            // another dev server holds the port: Atrium runs on, and its messages wait in the outbox (retried)
            LOG.warnf("Dev SMTP server not started on %s:%d: %s", config.host(), config.port(), e.getMessage());
            return;
        }
        server = mail;
        LOG.infof(
                "Dev SMTP server (GreenMail) on %s:%d catches every e-mail: http://localhost:%d/dev/mail",
                config.host(), config.port(), httpPort);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (server != null) {
            server.stop(); // live reload starts it again on the same port
        }
    }

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    public String caught() throws MessagingException {
        if (server == null) {
            return "The dev SMTP server is off (atrium.smtp.dev-server=false).\n";
        }
        MimeMessage[] messages = server.getReceivedMessages();
        StringBuilder out = new StringBuilder(messages.length + " message(s) caught, newest first\n");
        for (MimeMessage m : Arrays.asList(messages).reversed()) {
            out.append("\n==== ")
                    .append(m.getHeader("Date", null))
                    .append("\nTo: ")
                    .append(String.join(
                            ", ",
                            Arrays.stream(m.getAllRecipients())
                                    .map(Object::toString)
                                    .toList()))
                    .append("\nSubject: ")
                    .append(m.getSubject())
                    .append("\nMessage-ID: ")
                    .append(m.getMessageID())
                    .append("\n\n")
                    .append(plainText(m))
                    .append('\n');
        }
        return out.toString();
    }

    private static String plainText(MimeMessage m) {
        try {
            Object content = m.getContent();
            if (content instanceof jakarta.mail.Multipart mp) {
                return firstText(mp);
            }
            return String.valueOf(content);
        } catch (Exception e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String firstText(jakarta.mail.Multipart mp) throws Exception {
        for (int i = 0; i < mp.getCount(); i++) {
            var part = mp.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                return String.valueOf(part.getContent());
            }
            if (part.getContent() instanceof jakarta.mail.Multipart inner) {
                String text = firstText(inner);
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }
}

package org.atrium.notification;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A message as the SMTP server received it, taken apart: headers, text and HTML parts, calendar attachments. */
record Mail(
        String to,
        String subject,
        String messageId,
        String listUnsubscribe,
        String listUnsubscribePost,
        String text,
        String html,
        List<String> calendars,
        List<String> calendarContentTypes) {

    /** Everything GreenMail received for {@code address} whose subject names {@code about}, in arrival order. */
    static List<Mail> to(GreenMail smtp, String address, String about) {
        return Arrays.stream(smtp.getReceivedMessages())
                .map(Mail::of)
                .filter(m -> m.to().equalsIgnoreCase(address) && m.subject().contains(about))
                .toList();
    }

    static Mail of(MimeMessage message) {
        try {
            Parts parts = new Parts();
            parts.walk(message);
            return new Mail(
                    message.getAllRecipients()[0].toString(),
                    message.getSubject(),
                    message.getMessageID(),
                    message.getHeader("List-Unsubscribe", null),
                    message.getHeader("List-Unsubscribe-Post", null),
                    parts.text,
                    parts.html,
                    parts.calendars,
                    parts.calendarTypes);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Parts {
        String text;
        String html;
        final List<String> calendars = new ArrayList<>();
        final List<String> calendarTypes = new ArrayList<>();

        void walk(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart body = multipart.getBodyPart(i);
                    walk(body);
                }
            } else if (part.isMimeType("text/calendar")) {
                calendars.add(read(part));
                calendarTypes.add(part.getContentType());
            } else if (part.isMimeType("text/plain") && text == null) {
                text = read(part);
            } else if (part.isMimeType("text/html") && html == null) {
                html = read(part);
            }
        }

        private static String read(Part part) throws MessagingException, IOException {
            try (InputStream in = part.getInputStream()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"); // SMTP sends CRLF
            }
        }
    }
}

package org.atrium.notification;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hands messages to the SMTP server with the Vert.x mail client (pooled connections, the client quarkus-mailer
 * itself wraps). {@link #send} blocks its caller (the sender's virtual threads) until the server accepted or refused.
 */
@ApplicationScoped
class Smtp {

    @Inject
    Vertx vertx;

    @Inject
    SmtpConfig config;

    private volatile MailClient client;

    String from() {
        return config.from();
    }

    /** The bare address of the sender ({@code atrium@example.org} for {@code Atrium <atrium@example.org>}). */
    String fromAddress() {
        return address(config.from());
    }

    static String address(String mailbox) {
        int open = mailbox.lastIndexOf('<');
        int close = mailbox.lastIndexOf('>');
        return open >= 0 && close > open ? mailbox.substring(open + 1, close).strip() : mailbox.strip();
    }

    /** Sends, or throws: an {@link io.vertx.ext.mail.SMTPException} carries the server's reply. */
    void send(Email email) {
        MailMessage message = new MailMessage()
                .setFrom(config.from())
                .setTo(email.to())
                .setSubject(email.subject())
                .setText(email.text())
                .setHtml(email.html());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        email.headers().forEach(headers::add);
        message.setHeaders(headers);
        if (email.calendar() != null) {
            Email.Attachment a = email.calendar();
            message.setAttachment(List.of(MailAttachment.create()
                    .setName(a.name())
                    .setContentType(a.contentType())
                    .setData(Buffer.buffer(a.data()))));
        }
        try {
            client().sendMail(message)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("SMTP did not answer within " + config.timeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private MailClient client() {
        MailClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    MailConfig mail = new MailConfig()
                            .setHostname(config.host())
                            .setPort(config.port())
                            .setSsl(config.tls())
                            .setStarttls(StartTLSOptions.valueOf(config.startTls()))
                            .setMaxPoolSize(config.maxConnections())
                            .setKeepAlive(true);
                    config.username().ifPresent(u -> mail.setUsername(u).setLogin(LoginOption.REQUIRED));
                    config.password().ifPresent(mail::setPassword);
                    client = MailClient.create(vertx, mail);
                }
                c = client;
            }
        }
        return c;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}

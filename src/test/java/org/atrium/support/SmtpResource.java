package org.atrium.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * A real SMTP server for the test run: GreenMail in the test JVM on a free port, atrium.smtp pointed at it. Tests get
 * it in a field annotated {@link InjectSmtp} and read what it received.
 */
public class SmtpResource implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectSmtp {}

    private GreenMail smtp;

    @Override
    public Map<String, String> start() {
        // a fixed port, so that a test can stop the server and start it again where the sender looks for it
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return Map.of(
                "atrium.smtp.host", "127.0.0.1",
                "atrium.smtp.port", String.valueOf(smtp.getSmtp().getPort()),
                "atrium.smtp.start-tls", "DISABLED",
                "atrium.smtp.from", "atrium@atrium.test");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(smtp, new TestInjector.AnnotatedAndMatchesType(InjectSmtp.class, GreenMail.class));
    }

    @Override
    public void stop() {
        if (smtp != null) {
            smtp.stop();
        }
    }
}

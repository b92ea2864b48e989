package org.atrium;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Starts Atrium. When no datasource URL is configured (a fresh checkout, {@code ./mvnw quarkus:dev}), an embedded
 * PostgreSQL is started first with its data kept in {@code atrium.embedded-db.directory}; a configured URL (production)
 * never starts it.
 */
@QuarkusMain
public class AtriumMain {

    private static final Logger LOG = Logger.getLogger(AtriumMain.class);

    public static void main(String... args) {
        var config = ConfigProvider.getConfig();
        boolean configured = config.getOptionalValue("quarkus.datasource.jdbc.url", String.class)
                .filter(url -> !url.isBlank())
                .isPresent();
        if (!configured) {
            String directory = config.getOptionalValue("atrium.embedded-db.directory", String.class)
                    .orElse("data/postgres");
            EmbeddedDatabase database = EmbeddedDatabase.start(java.nio.file.Path.of(directory));
            System.setProperty("quarkus.datasource.jdbc.url", database.jdbcUrl());
            System.setProperty("quarkus.datasource.username", EmbeddedDatabase.USER);
            System.setProperty("quarkus.datasource.password", EmbeddedDatabase.USER);
            Runtime.getRuntime().addShutdownHook(new Thread(database::stop, "embedded-postgres-stop"));
            LOG.infof("Embedded PostgreSQL on %s (data in %s)", database.jdbcUrl(), directory);
        }
        Quarkus.run(args);
    }
}

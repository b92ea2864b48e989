package org.atrium.schedule;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;

/**
 * Test-mode only: serves files from {@code target/bench-static} under {@code /bench-static/} with Vert.x's static
 * handler, so {@link ProgrammeBenchmark} can compare the programme endpoint with the same bytes as a static file from
 * the same server.
 */
@ApplicationScoped
class BenchStaticFiles {

    static final Path DIR = Path.of("target", "bench-static").toAbsolutePath();

    void routes(@Observes Router router) {
        router.route("/bench-static/*").handler(StaticHandler.create(FileSystemAccess.ROOT, DIR.toString()));
    }
}

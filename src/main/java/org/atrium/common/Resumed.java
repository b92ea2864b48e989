package org.atrium.common;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;

/**
 * Waits for work done elsewhere (a batched statement on a worker) without holding a thread, and goes on where the
 * caller was: on its Vert.x context, as {@code executeBlocking} would, so the request's CDI request context and the
 * HTTP layer's state are there again when the answer arrives (RESTEasy fails with {@code ContextNotActiveException}
 * when a request resumes on a worker thread instead).
 */
public final class Resumed {

    private Resumed() {}

    /** The stage's outcome, delivered on the calling Vert.x context (or where it completes, off any context). */
    public static <T> Uni<T> here(CompletionStage<T> stage) {
        Context context = Vertx.currentContext();
        Uni<T> answer = Uni.createFrom().completionStage(stage);
        return context == null ? answer : answer.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}

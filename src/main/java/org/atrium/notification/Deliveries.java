package org.atrium.notification;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;

/**
 * The notification poller: plans reminders falling due, expands debounced schedule changes, then sends what is due,
 * batch after batch until the outbox has nothing due. One pass at a time per node ({@code SKIP}); several nodes share
 * the work through the row locks. Tests call {@link #run(Instant)} with the instant they need.
 */
@ApplicationScoped
class Deliveries {

    @Inject
    ReminderPlanner planner;

    @Inject
    ScheduleNotices scheduleNotices;

    @Inject
    Sender sender;

    @Inject
    NotificationConfig config;

    @Inject
    Clock clock;

    @Scheduled(
            identity = "notifications",
            every = "${atrium.notifications.send-every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        run(clock.instant());
    }

    /** Everything due at {@code now}; returns how many messages were handed to the SMTP server. */
    int run(Instant now) {
        planner.plan(now);
        scheduleNotices.expand(now);
        int sent = 0;
        while (true) {
            Sender.Pass pass = sender.sendDue(now);
            sent += pass.sent();
            if (pass.claimed() < config.batchSize() || pass.sent() == 0) {
                return sent;
            }
        }
    }
}

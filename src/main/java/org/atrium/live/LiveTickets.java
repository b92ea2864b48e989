package org.atrium.live;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.atrium.common.DomainException;

/**
 * Single-use live connection tickets: a signed-in account trades its access token for a short-lived random ticket
 * ({@code POST /api/live/tickets}) and opens its live connection with {@code ?ticket=}, so the token never travels in
 * a URL or sub-protocol header and the connection keeps only a small identity for its lifetime. Tickets live in this
 * node's memory (Atrium runs as one node); each account holds at most a few unused ones, and expired ones are swept.
 */
@ApplicationScoped
class LiveTickets {

    /** What a ticket stands for: the account, and when the access token it was minted from expires. */
    record Grant(String subject, String displayName, Set<String> roles, Optional<Instant> tokenExpiresAt) {}

    record Issued(String ticket, Instant expiresAt) {}

    private record Entry(Grant grant, Instant expiresAt) {}

    private static final int TICKET_BYTES = 24;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> tickets = new ConcurrentHashMap<>();
    /** Unused tickets per account, changed atomically per account (compute) so issuing and redeeming cannot race. */
    private final Map<String, List<String>> outstanding = new ConcurrentHashMap<>();

    private final Clock clock;
    private final Duration ttl;
    private final int maxPerAccount;

    @Inject
    LiveTickets(LiveConfig config, Clock clock) {
        this(clock, config.ticketTtl(), config.maxTicketsPerAccount());
    }

    LiveTickets(Clock clock, Duration ttl, int maxPerAccount) {
        this.clock = clock;
        this.ttl = ttl;
        this.maxPerAccount = maxPerAccount;
    }

    /**
     * A new ticket for the grant, valid for the configured time (never past the token's own expiry); 429 {@code
     * live.too-many-tickets} when the account already holds the most unused tickets allowed.
     */
    Issued issue(Grant grant) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        if (grant.tokenExpiresAt().isPresent() && grant.tokenExpiresAt().get().isBefore(expiresAt)) {
            expiresAt = grant.tokenExpiresAt().get();
        }
        String ticket = newTicket();
        Entry entry = new Entry(grant, expiresAt);
        boolean[] issued = {false};
        outstanding.compute(grant.subject(), (subject, mine) -> {
            List<String> list = mine == null ? new ArrayList<>(2) : mine;
            list.removeIf(t -> {
                Entry held = tickets.get(t);
                if (usable(held, now) != null) {
                    return false;
                }
                if (held != null) {
                    tickets.remove(t, held);
                }
                return true;
            });
            if (list.size() >= maxPerAccount) {
                return list;
            }
            tickets.put(ticket, entry);
            list.add(ticket);
            issued[0] = true;
            return list;
        });
        if (!issued[0]) {
            throw new DomainException(
                    429,
                    "live.too-many-tickets",
                    "This account holds too many unused live tickets; use one or wait until they expire.",
                    Map.of("max", maxPerAccount));
        }
        return new Issued(ticket, expiresAt);
    }

    /** Uses up the ticket: its grant if it exists, is unused and has not expired; empty otherwise. */
    Optional<Grant> redeem(String ticket) {
        Entry entry = tickets.remove(ticket);
        if (entry == null) {
            return Optional.empty();
        }
        outstanding.computeIfPresent(entry.grant().subject(), (subject, held) -> {
            held.remove(ticket);
            return held.isEmpty() ? null : held;
        });
        return Optional.ofNullable(usable(entry, clock.instant())).map(Entry::grant);
    }

    /** Drops expired tickets, so tickets asked for and never used cannot pile up. */
    @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        Instant now = clock.instant();
        for (Map.Entry<String, Entry> e : tickets.entrySet()) {
            if (usable(e.getValue(), now) == null && tickets.remove(e.getKey(), e.getValue())) {
                outstanding.computeIfPresent(e.getValue().grant().subject(), (subject, held) -> {
                    held.remove(e.getKey());
                    return held.isEmpty() ? null : held;
                });
            }
        }
    }

    /** Unused tickets held in memory (all accounts). */
    int size() {
        return tickets.size();
    }

    private static Entry usable(Entry entry, Instant now) {
        return entry != null && now.isBefore(entry.expiresAt()) ? entry : null;
    }

    private String newTicket() {
        byte[] bytes = new byte[TICKET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

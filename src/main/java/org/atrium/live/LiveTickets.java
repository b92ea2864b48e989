package org.atrium.live;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.atrium.common.DomainException;

/**
 * Single-use live connection tickets: a signed-in account trades its access token for a short-lived ticket ({@code
 * POST /api/live/tickets}) and opens its live connection with {@code ?ticket=}, so the token never travels in a URL or
 * sub-protocol header and the connection keeps only a small identity for its lifetime.
 *
 * <p>A ticket carries its grant sealed ({@link TicketSeal}: encrypted and authenticated with a key all nodes share),
 * so minting one costs no database round trip (it happens on the event loop, in a join storm) and any node can open it.
 * Single use holds across nodes: redeeming inserts the ticket's id into {@code live_ticket_used}, whose primary key lets
 * exactly one redemption through anywhere. The cap on unused tickets per account is kept per node (in memory, swept):
 * behind a proxy that spreads requests, an account can hold the cap on each node, a bound of cap x nodes.
 */
@ApplicationScoped
class LiveTickets {

    /** What a ticket stands for: the account, and when the access token it was minted from expires. */
    record Grant(String subject, String displayName, Set<String> roles, Optional<Instant> tokenExpiresAt) {}

    record Issued(String ticket, Instant expiresAt) {}

    /** Where redemptions are recorded: the first one of an id wins. */
    interface Redemptions {

        /** True for the first redemption of {@code id}, on any node; false for every later one. */
        boolean first(byte[] id, Instant expiresAt);

        /** Forgets redemptions of tickets that have expired anyway. */
        void forgetExpired(Instant now);
    }

    private static final int ID_BYTES = 16;
    /** Longer than any ticket this server mints (an account name and roles fit many times over). */
    static final int MAX_TICKET_CHARS = 4096;

    private final SecureRandom random = new SecureRandom();
    /** Unused tickets per account minted here (ids and expiries), changed atomically per account (compute). */
    private final Map<String, Map<String, Instant>> outstanding = new ConcurrentHashMap<>();

    private final Clock clock;
    private final Duration ttl;
    private final int maxPerAccount;
    private final TicketSeal seal;
    private final Redemptions redemptions;

    @Inject
    LiveTickets(LiveConfig config, Clock clock, TicketSeal seal, DatabaseRedemptions redemptions) {
        this(clock, config.ticketTtl(), config.maxTicketsPerAccount(), seal, redemptions);
    }

    LiveTickets(Clock clock, Duration ttl, int maxPerAccount, TicketSeal seal, Redemptions redemptions) {
        this.clock = clock;
        this.ttl = ttl;
        this.maxPerAccount = maxPerAccount;
        this.seal = seal;
        this.redemptions = redemptions;
    }

    /**
     * A new ticket for the grant, valid for the configured time (never past the token's own expiry); 429 {@code
     * live.too-many-tickets} when the account already holds the most unused tickets allowed (on this node).
     */
    Issued issue(Grant grant) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        if (grant.tokenExpiresAt().isPresent() && grant.tokenExpiresAt().get().isBefore(expiresAt)) {
            expiresAt = grant.tokenExpiresAt().get();
        }
        byte[] id = new byte[ID_BYTES];
        random.nextBytes(id);
        String key = HexFormat.of().formatHex(id);
        Instant until = expiresAt;
        boolean[] issued = {false};
        outstanding.compute(grant.subject(), (subject, mine) -> {
            Map<String, Instant> held = mine == null ? new HashMap<>(4) : mine;
            held.values().removeIf(at -> !now.isBefore(at));
            if (held.size() >= maxPerAccount) {
                return held;
            }
            held.put(key, until);
            issued[0] = true;
            return held;
        });
        if (!issued[0]) {
            throw new DomainException(
                    429,
                    "live.too-many-tickets",
                    "This account holds too many unused live tickets; use one or wait until they expire.",
                    Map.of("max", maxPerAccount));
        }
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(seal.seal(write(id, expiresAt, grant)));
        return new Issued(ticket, expiresAt);
    }

    /**
     * Uses up the ticket: its grant if this deployment sealed it, it has not expired and no node redeemed it before;
     * empty otherwise. Blocking: it writes the redemption to the database.
     */
    Optional<Grant> redeem(String ticket) {
        if (ticket == null || ticket.length() > MAX_TICKET_CHARS) {
            return Optional.empty();
        }
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(ticket);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<byte[]> contents = seal.open(sealed);
        if (contents.isEmpty()) {
            return Optional.empty();
        }
        Sealed read = read(contents.get());
        outstanding.computeIfPresent(read.grant().subject(), (subject, held) -> {
            held.remove(HexFormat.of().formatHex(read.id()));
            return held.isEmpty() ? null : held;
        });
        if (!clock.instant().isBefore(read.expiresAt())) {
            return Optional.empty();
        }
        return redemptions.first(read.id(), read.expiresAt()) ? Optional.of(read.grant()) : Optional.empty();
    }

    /** Drops expired tickets, so tickets asked for and never used cannot pile up, here or in the database. */
    @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        Instant now = clock.instant();
        for (String subject : outstanding.keySet()) {
            outstanding.computeIfPresent(subject, (s, held) -> {
                held.values().removeIf(at -> !now.isBefore(at));
                return held.isEmpty() ? null : held;
            });
        }
        redemptions.forgetExpired(now);
    }

    /** Unused, unexpired tickets minted by this node (all accounts). */
    int size() {
        return outstanding.values().stream().mapToInt(Map::size).sum();
    }

    private record Sealed(byte[] id, Instant expiresAt, Grant grant) {}

    private static byte[] write(byte[] id, Instant expiresAt, Grant grant) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(id);
            out.writeLong(expiresAt.toEpochMilli());
            out.writeLong(grant.tokenExpiresAt().map(Instant::getEpochSecond).orElse(-1L));
            out.writeUTF(grant.subject());
            out.writeUTF(grant.displayName() == null ? "" : grant.displayName());
            out.writeShort(grant.roles().size());
            for (String role : grant.roles()) {
                out.writeUTF(role);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Only ever reads what {@link #write} wrote: the seal's authentication rules out any other bytes. */
    private static Sealed read(byte[] contents) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(contents))) {
            byte[] id = in.readNBytes(ID_BYTES);
            Instant expiresAt = Instant.ofEpochMilli(in.readLong());
            long tokenExpiry = in.readLong();
            String subject = in.readUTF();
            String displayName = in.readUTF();
            int count = in.readUnsignedShort();
            Set<String> roles = new HashSet<>(count * 2);
            for (int i = 0; i < count; i++) {
                roles.add(in.readUTF());
            }
            return new Sealed(
                    id,
                    expiresAt,
                    new Grant(
                            subject,
                            displayName,
                            Set.copyOf(roles),
                            tokenExpiry < 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(tokenExpiry))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

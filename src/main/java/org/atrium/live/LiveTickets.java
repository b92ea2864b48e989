package org.atrium.live;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.SecurityIdentity;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.atrium.common.DomainException;
import org.atrium.security.Accounts;
import org.atrium.security.EndedSignIns;

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
 *
 * <p>A <em>resume ticket</em> ({@link #resume}) is handed to every member on its live connection once it has joined, so
 * that after a drop it comes back to the same room without a {@code POST} (no second HTTP exchange, no token
 * verification: half a join's cost, and a reconnect storm after a node is lost is all rejoins). It opens only that
 * room, once, and lives until the token its connection stands for expires. Every ticket carries the sign-in session and
 * issue time of its token, so one whose sign-in the identity provider ended is refused like the token itself.
 */
@ApplicationScoped
class LiveTickets {

    /**
     * What a ticket stands for: the account, and the access token it was minted from (when it expires, its sign-in
     * session and when it was issued, to tell whether that sign-in has ended since).
     */
    record Grant(
            String subject,
            String displayName,
            Set<String> roles,
            Optional<Instant> tokenExpiresAt,
            Optional<String> session,
            Optional<Instant> tokenIssuedAt) {

        /** The grant of a signed-in caller: from its access token, or from the ticket it came with. */
        static Grant of(SecurityIdentity identity) {
            return new Grant(
                    Accounts.subjectOf(identity),
                    Accounts.displayNameOf(identity),
                    Set.copyOf(identity.getRoles()),
                    Accounts.expiresAt(identity),
                    Accounts.sessionOf(identity),
                    Accounts.issuedAt(identity));
        }
    }

    record Issued(String ticket, Instant expiresAt) {}

    /** Where redemptions are recorded: the first one of an id wins. */
    interface Redemptions {

        /** True for the first redemption of {@code id}, on any node; false for every later one. */
        CompletionStage<Boolean> first(byte[] id, Instant expiresAt);

        /** Forgets redemptions of tickets that have expired anyway. */
        void forgetExpired(Instant now);
    }

    private static final int ID_BYTES = 16;
    private static final CompletionStage<Optional<Grant>> REFUSED = CompletableFuture.completedFuture(Optional.empty());
    /** Longer than any ticket this server mints (an account name and roles fit many times over). */
    static final int MAX_TICKET_CHARS = 4096;

    private final SecureRandom random = new SecureRandom();
    /** Unused tickets per account minted here (ids and expiries), changed atomically per account (compute). */
    private final Map<String, Map<String, Instant>> outstanding = new ConcurrentHashMap<>();

    private final Clock clock;
    private final Duration ttl;
    private final Duration resumeTtl;
    private final int maxPerAccount;
    private final TicketSeal seal;
    private final Redemptions redemptions;
    private final EndedSignIns ended;

    @Inject
    LiveTickets(LiveConfig config, Clock clock, TicketSeal seal, DatabaseRedemptions redemptions, EndedSignIns ended) {
        this(
                clock,
                config.ticketTtl(),
                config.resumeTicketTtl(),
                config.maxTicketsPerAccount(),
                seal,
                redemptions,
                ended);
    }

    LiveTickets(
            Clock clock,
            Duration ttl,
            Duration resumeTtl,
            int maxPerAccount,
            TicketSeal seal,
            Redemptions redemptions,
            EndedSignIns ended) {
        this.clock = clock;
        this.ttl = ttl;
        this.resumeTtl = resumeTtl;
        this.maxPerAccount = maxPerAccount;
        this.seal = seal;
        this.redemptions = redemptions;
        this.ended = ended;
    }

    /**
     * A new ticket for the grant, valid for the configured time (never past the token's own expiry); 429 {@code
     * live.too-many-tickets} when the account already holds the most unused tickets allowed (on this node).
     */
    Issued issue(Grant grant) {
        Instant now = clock.instant();
        Instant expiresAt = expiry(grant, now.plus(ttl));
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
        return sealed(id, expiresAt, grant, ANY_ROOM);
    }

    /**
     * A resume ticket for the member of {@code room} (the live path after {@code /live/}, e.g. {@code sessions/12}): it
     * opens that room once, until the token behind the grant expires ({@code atrium.live.resume-ticket-ttl} at most).
     * Not counted against the account's cap: a connection holds one, and the connections per account are capped.
     */
    Issued resume(Grant grant, String room) {
        byte[] id = new byte[ID_BYTES];
        random.nextBytes(id);
        return sealed(id, expiry(grant, clock.instant().plus(resumeTtl)), grant, room);
    }

    private static Instant expiry(Grant grant, Instant latest) {
        return grant.tokenExpiresAt().filter(at -> at.isBefore(latest)).orElse(latest);
    }

    private Issued sealed(byte[] id, Instant expiresAt, Grant grant, String room) {
        String ticket =
                Base64.getUrlEncoder().withoutPadding().encodeToString(seal.seal(write(id, expiresAt, grant, room)));
        return new Issued(ticket, expiresAt);
    }

    /**
     * Uses up the ticket for a handshake to {@code room} (the live path after {@code /live/}): its grant if this
     * deployment sealed it, it opens that room (a resume ticket opens one room, any other ticket every room), it has not
     * expired, the sign-in of its token has not ended and no node redeemed it before; empty otherwise. Completes once
     * the redemption is stored in the database (without blocking the caller).
     */
    CompletionStage<Optional<Grant>> redeem(String ticket, String room) {
        if (ticket == null || ticket.length() > MAX_TICKET_CHARS) {
            return REFUSED;
        }
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(ticket);
        } catch (IllegalArgumentException e) {
            return REFUSED;
        }
        Optional<Sealed> opened = seal.open(sealed).flatMap(LiveTickets::read);
        if (opened.isEmpty()) {
            return REFUSED;
        }
        Sealed read = opened.get();
        if (!read.room().equals(ANY_ROOM) && !read.room().equals(room)) {
            return REFUSED; // not used up: it still resumes its own room
        }
        outstanding.computeIfPresent(read.grant().subject(), (subject, held) -> {
            held.remove(HexFormat.of().formatHex(read.id()));
            return held.isEmpty() ? null : held;
        });
        if (!clock.instant().isBefore(read.expiresAt())) {
            return REFUSED;
        }
        Grant grant = read.grant();
        if (ended.ended(
                grant.subject(),
                grant.session().orElse(null),
                grant.tokenIssuedAt().orElse(null))) {
            return REFUSED;
        }
        return redemptions
                .first(read.id(), read.expiresAt())
                .thenApply(first -> first ? Optional.of(grant) : Optional.empty());
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

    /** The room of a ticket minted by {@code POST /api/live/tickets}: any. */
    private static final String ANY_ROOM = "";

    private record Sealed(byte[] id, Instant expiresAt, Grant grant, String room) {}

    private static byte[] write(byte[] id, Instant expiresAt, Grant grant, String room) {
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
            out.writeUTF(grant.session().orElse(""));
            out.writeLong(grant.tokenIssuedAt().map(Instant::getEpochSecond).orElse(-1L));
            out.writeUTF(room);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * What {@link #write} wrote (the seal's authentication rules out anyone else's bytes); empty for a ticket another
     * version of Atrium sealed with the cluster's key in a layout of its own (a node not yet upgraded, in a rolling
     * upgrade): refused like an unknown ticket, and the client mints a fresh one.
     */
    private static Optional<Sealed> read(byte[] contents) {
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
            String session = in.readUTF();
            long issuedAt = in.readLong();
            String room = in.readUTF();
            if (in.available() > 0) {
                return Optional.empty(); // a longer layout than this one
            }
            return Optional.of(new Sealed(
                    id,
                    expiresAt,
                    new Grant(
                            subject,
                            displayName,
                            Set.copyOf(roles),
                            epochSecond(tokenExpiry),
                            session.isEmpty() ? Optional.empty() : Optional.of(session),
                            epochSecond(issuedAt)),
                    room));
        } catch (IOException e) {
            return Optional.empty(); // a shorter layout than this one
        }
    }

    private static Optional<Instant> epochSecond(long seconds) {
        return seconds < 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds));
    }
}

-- Secrets every node of one deployment shares, created by whichever node starts first (live/TicketSeal: the key that
-- seals live tickets, so a ticket minted by one node is read by any other).
CREATE TABLE cluster_secret (
    name  text PRIMARY KEY,
    value bytea NOT NULL
);

-- Live tickets already redeemed, on any node, until they would have expired anyway: the primary key makes the first
-- redemption the only one (live/LiveTickets).
CREATE TABLE live_ticket_used (
    id         bytea PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
CREATE INDEX live_ticket_used_expires_at ON live_ticket_used (expires_at);

-- Sign-outs received through OpenID Connect back-channel logout, kept as long as any access token of the ended
-- session may live (security/SignedOutSessions), so that every node refuses those tokens, and a restarted node too.
-- A row names a session (sid) or, without one, every token issued to the subject before ended_at.
CREATE TABLE signed_out_session (
    id         bigserial PRIMARY KEY,
    subject    text,
    session_id text,
    ended_at   timestamptz NOT NULL,
    CONSTRAINT signed_out_names_something CHECK (subject IS NOT NULL OR session_id IS NOT NULL)
);
CREATE INDEX signed_out_session_ended_at ON signed_out_session (ended_at);

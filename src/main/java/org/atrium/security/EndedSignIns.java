package org.atrium.security;

import java.time.Instant;

/**
 * Sign-ins the identity provider has ended (back-channel logout), for credentials that outlive the request that
 * checked their token: a live ticket stands for a token and must die with its sign-in too.
 */
@FunctionalInterface
public interface EndedSignIns {

    /**
     * Whether a token of {@code session} (may be null) for {@code subject}, issued at {@code issuedAt} (null when
     * unknown), belongs to a sign-in that has ended.
     */
    boolean ended(String subject, String session, Instant issuedAt);
}

package org.atrium.security;

/**
 * The identity provider ended a sign-in session of {@code subject} (OpenID Connect back-channel logout). Features that
 * hold something open for the account (live connections) close it; a token of that session is refused from now on.
 */
public record AccountSignedOut(String subject, String sessionId) {}

package org.atrium.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Identities without a token (a live ticket's) carry the account facts as attributes. */
class AccountsTest {

    @Test
    void aTicketIdentityGivesSubjectNameAndTokenExpiry() {
        QuarkusSecurityIdentity identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("alice-sub"))
                .addRole("user")
                .addAttribute(Accounts.DISPLAY_NAME, "Alice A.")
                .addAttribute(Accounts.TOKEN_EXPIRES_AT, 1_800_000_000L)
                .build();
        assertEquals("alice-sub", Accounts.subjectOf(identity));
        assertEquals("Alice A.", Accounts.displayNameOf(identity));
        assertEquals(Optional.of(Instant.ofEpochSecond(1_800_000_000L)), Accounts.expiresAt(identity));
        assertEquals(Optional.empty(), Accounts.emailOf(identity));
    }

    @Test
    void withoutAttributesThePrincipalNameIsTheNameAndNothingExpires() {
        QuarkusSecurityIdentity identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("bob"))
                .build();
        assertEquals("bob", Accounts.displayNameOf(identity));
        assertEquals(Optional.empty(), Accounts.expiresAt(identity));
    }
}

package org.atrium.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Endpoints handed to the browser are moved from the provider's internal address to its public one. */
class PublicIssuerTest {

    static final Optional<String> PUBLIC = Optional.of("https://id.example.org/realms/atrium");
    static final List<String> INTERNAL = List.of("http://keycloak:8080/realms/atrium/");

    @Test
    void anEndpointUnderTheInternalAddressMovesToThePublicOne() {
        assertEquals(
                "https://id.example.org/realms/atrium/protocol/openid-connect/auth",
                PublicIssuer.rewrite(
                        "http://keycloak:8080/realms/atrium/protocol/openid-connect/auth", INTERNAL, PUBLIC));
        assertEquals(
                "https://id.example.org/realms/atrium",
                PublicIssuer.rewrite("http://keycloak:8080/realms/atrium", INTERNAL, PUBLIC));
    }

    @Test
    void theDiscoveredIssuerCountsAsInternalToo() {
        // Keycloak with KC_HOSTNAME and a dynamic back-channel: public issuer, internal token endpoint
        List<String> internal =
                Arrays.asList("http://keycloak:8080/realms/atrium", "http://localhost:8180/realms/atrium");
        assertEquals(
                "https://id.example.org/realms/atrium/protocol/openid-connect/token",
                PublicIssuer.rewrite(
                        "http://localhost:8180/realms/atrium/protocol/openid-connect/token", internal, PUBLIC));
    }

    @Test
    void otherAddressesAndAbsentSettingsAreLeftAlone() {
        assertEquals(
                "https://id.example.org/realms/atrium/protocol/openid-connect/logout",
                PublicIssuer.rewrite(
                        "https://id.example.org/realms/atrium/protocol/openid-connect/logout", INTERNAL, PUBLIC));
        // a prefix of another realm's name is not the realm
        assertEquals(
                "http://keycloak:8080/realms/atrium-other/x",
                PublicIssuer.rewrite("http://keycloak:8080/realms/atrium-other/x", INTERNAL, PUBLIC));
        assertEquals(
                "http://keycloak:8080/realms/atrium/x",
                PublicIssuer.rewrite("http://keycloak:8080/realms/atrium/x", INTERNAL, Optional.empty()));
        assertEquals(null, PublicIssuer.rewrite(null, INTERNAL, PUBLIC));
    }
}

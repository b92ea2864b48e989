package org.atrium.ui;

import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.runtime.LaunchMode;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.atrium.common.DomainException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Sign-in settings for the browser UI, read from the configured OIDC provider's discovery document (fetched at the
 * address Atrium uses) with the endpoints rewritten to the address browsers use ({@link PublicIssuer}).
 */
@Path("/api/ui-config")
class UiConfigResource {

    static final String RELAY_PATH = "/api/ui-config/dev-token";
    private static final Set<String> RELAYED_GRANTS = Set.of("authorization_code", "refresh_token");
    private static final Set<String> RELAYED_FIELDS =
            Set.of("grant_type", "code", "redirect_uri", "client_id", "code_verifier", "refresh_token", "scope");

    @Inject
    UiConfig config;

    @Inject
    OidcConfigurationMetadata metadata;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @GET
    @PermitAll
    public UiConfigView get() {
        boolean relay = relayEnabled();
        var internal = PublicIssuer.internalIssuers(metadata.getIssuer());
        Optional<String> public_ = PublicIssuer.configured();
        return new UiConfigView(
                public_.orElse(metadata.getIssuer()),
                config.clientId(),
                config.scope(),
                PublicIssuer.rewrite(metadata.getAuthorizationUri(), internal, public_),
                relay ? RELAY_PATH : PublicIssuer.rewrite(metadata.getTokenUri(), internal, public_),
                PublicIssuer.rewrite(metadata.getEndSessionUri(), internal, public_),
                relay);
    }

    /**
     * Development only (see {@link UiConfig#devTokenRelay()}): forwards an authorization-code or refresh request to
     * the development provider's token endpoint, which the browser cannot read across origins. The development
     * provider knows one confidential client and refuses refresh grants without its secret, so the relay adds the
     * secret that dev services configured ({@code quarkus.oidc.credentials.secret}): refreshing then works as it does
     * for the public client at a real provider, and a dev sign-in lasts beyond the first access token.
     */
    @POST
    @Path("dev-token")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response devToken(MultivaluedMap<String, String> form) throws IOException, InterruptedException {
        if (!relayEnabled()) {
            throw DomainException.notFound("resource");
        }
        if (!RELAYED_GRANTS.contains(form.getFirst("grant_type"))) {
            throw DomainException.invalid("auth.grant-unsupported", "Only code and refresh grants are relayed.");
        }
        String body = form.keySet().stream()
                .filter(RELAYED_FIELDS::contains)
                .map(k -> enc(k) + "=" + enc(form.getFirst(k)))
                .collect(Collectors.joining("&"));
        String secret = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.oidc.credentials.secret", String.class)
                .orElse(null);
        if (secret != null && !form.containsKey("client_secret")) {
            body += "&client_secret=" + enc(secret);
        }
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(metadata.getTokenUri()))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", MediaType.APPLICATION_FORM_URLENCODED)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return Response.status(answer.statusCode())
                .type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .entity(answer.body())
                .build();
    }

    private boolean relayEnabled() {
        return config.devTokenRelay() && LaunchMode.current() != LaunchMode.NORMAL;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}

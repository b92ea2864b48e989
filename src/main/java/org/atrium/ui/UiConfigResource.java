package org.atrium.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    @Inject
    ObjectMapper json;

    /** The discovery document this resource fetched itself, once quarkus-oidc had none (see {@link #provider()}). */
    private volatile Endpoints fetched;

    @GET
    @PermitAll
    public UiConfigView get() {
        boolean relay = relayEnabled();
        Endpoints provider = provider();
        var internal = PublicIssuer.internalIssuers(provider.issuer());
        Optional<String> public_ = PublicIssuer.configured();
        return new UiConfigView(
                public_.orElse(provider.issuer()),
                config.clientId(),
                config.scope(),
                PublicIssuer.rewrite(provider.authorization(), internal, public_),
                relay ? RELAY_PATH : PublicIssuer.rewrite(provider.token(), internal, public_),
                PublicIssuer.rewrite(provider.endSession(), internal, public_),
                relay);
    }

    /** The provider's issuer and the endpoints the browser uses, as its discovery document names them. */
    record Endpoints(String issuer, String authorization, String token, String endSession) {}

    /**
     * The provider's endpoints as quarkus-oidc read them at start. When the provider could not be reached then,
     * quarkus-oidc has no metadata (its producer fails with a NullPointerException or OIDCException) and reads it
     * again only when a token arrives, which no one can get without these settings: the discovery document is then
     * fetched here, at the address Atrium uses, until the provider answers; meanwhile the browser is told to try again
     * (503 {@code auth.provider-unavailable}).
     */
    private Endpoints provider() {
        Endpoints known = fetched;
        if (known != null) {
            return known;
        }
        try {
            return new Endpoints(
                    metadata.getIssuer(),
                    metadata.getAuthorizationUri(),
                    metadata.getTokenUri(),
                    metadata.getEndSessionUri());
        } catch (RuntimeException noMetadata) {
            fetched = fetchDiscovery();
            return fetched;
        }
    }

    private Endpoints fetchDiscovery() {
        String server = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.oidc.auth-server-url", String.class)
                .filter(s -> !s.isBlank())
                .orElseThrow(UiConfigResource::providerUnavailable);
        String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        try {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/.well-known/openid-configuration"))
                            .timeout(Duration.ofSeconds(5))
                            .header("Accept", MediaType.APPLICATION_JSON)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw providerUnavailable();
            }
            JsonNode doc = json.readTree(answer.body());
            String issuer = doc.path("issuer").asText(null);
            String authorization = doc.path("authorization_endpoint").asText(null);
            String token = doc.path("token_endpoint").asText(null);
            if (issuer == null || authorization == null || token == null) {
                throw providerUnavailable();
            }
            return new Endpoints(
                    issuer,
                    authorization,
                    token,
                    doc.path("end_session_endpoint").asText(null));
        } catch (IOException | IllegalArgumentException e) {
            throw providerUnavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw providerUnavailable();
        }
    }

    private static DomainException providerUnavailable() {
        return new DomainException(
                503,
                "auth.provider-unavailable",
                "The identity provider cannot be reached; sign-in is unavailable. Try again in a moment.");
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
                HttpRequest.newBuilder(URI.create(provider().token()))
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

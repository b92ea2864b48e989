package org.atrium.demo;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.atrium.common.DomainException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Dev and test mode only (not even built into the packaged app): the Docker-free OIDC development server that
 * quarkus-oidc starts listens on a random port, so this tells where it is and signs a demo account in for curl users.
 * {@code curl -d username=organiser -d password=organiser localhost:8080/dev/token} prints an access token. The
 * development server checks no password (any user name signs in; configured ones get their roles) and its tokens last
 * {@code quarkus.oidc.devservices.access-token-expires-in} (an hour here).
 */
@Path("/dev")
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
class DevLoginResource {

    private static final Logger LOG = Logger.getLogger(DevLoginResource.class);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Where the development identity provider is: issuer, token endpoint and the client to use. */
    public record OidcInfo(String issuer, String tokenEndpoint, String clientId) {}

    void announce(@Observes StartupEvent startup) {
        issuer().ifPresent(issuer -> LOG.infof(
                "OIDC dev server: issuer %s, token endpoint %s/token (client_id %s). Demo accounts organiser,"
                        + " speaker, alice, bob (the dev server checks no password; tokens last an hour). Token for"
                        + " curl: curl -d username=organiser -d password=organiser http://localhost:%s/dev/token",
                issuer,
                issuer,
                clientId(),
                config().getOptionalValue("quarkus.http.port", String.class).orElse("8080")));
    }

    @GET
    @Path("oidc")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public OidcInfo oidc() {
        String issuer = issuer().orElseThrow(DevLoginResource::noDevServer);
        return new OidcInfo(issuer, issuer + "/token", clientId());
    }

    /** The password grant against the development server; answers the bare access token. */
    @POST
    @Path("token")
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    public String token(@FormParam("username") String username, @FormParam("password") String password) {
        if (username == null || username.isBlank()) {
            throw DomainException.invalid("login.username-required", "Send username and password as form fields.");
        }
        String issuer = issuer().orElseThrow(DevLoginResource::noDevServer);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("username", username);
        form.put("password", password == null ? "" : password);
        form.put("client_id", clientId());
        config().getOptionalValue("quarkus.oidc.credentials.secret", String.class)
                .ifPresent(secret -> form.put("client_secret", secret));
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DomainException(502, "login.provider-unreachable", "The OIDC dev server did not answer.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException(502, "login.provider-unreachable", "The OIDC dev server did not answer.");
        }
        if (response.statusCode() != 200) {
            throw new DomainException(401, "login.failed", "Unknown account or wrong password.");
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(response.body())
                            .get("access_token")
                            .asText()
                    + "\n";
        } catch (IOException | NullPointerException e) {
            throw new DomainException(502, "login.provider-unreadable", "The OIDC dev server sent no access token.");
        }
    }

    private static Config config() {
        return ConfigProvider.getConfig();
    }

    private static Optional<String> issuer() {
        return config().getOptionalValue("quarkus.oidc.auth-server-url", String.class)
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    private static String clientId() {
        return config().getOptionalValue("quarkus.oidc.client-id", String.class).orElse("quarkus-app");
    }

    private static DomainException noDevServer() {
        return new DomainException(404, "login.no-dev-server", "No OIDC dev server is running.");
    }
}

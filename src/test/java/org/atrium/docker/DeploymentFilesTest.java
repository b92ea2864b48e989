package org.atrium.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The docker/ files cannot be run here (no container engine), so they are checked against the code: every variable
 * the compose file gives Atrium is a run-time property the app reads, the realm matches what the compose file and
 * application.properties expect, and the Dockerfile only copies what the build context holds.
 */
class DeploymentFilesTest {

    static final Path DOCKER = Path.of("docker");
    static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, Object> compose;
    static Map<String, String> atriumEnvironment;
    static JsonNode realm;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        try (Reader reader = Files.newBufferedReader(DOCKER.resolve("compose.yml"))) {
            compose = new Yaml().load(reader);
        }
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Map<String, Object> atrium = (Map<String, Object>) services.get("atrium-1");
        atriumEnvironment = new TreeMap<>();
        ((Map<String, Object>) atrium.get("environment"))
                .forEach((name, value) -> atriumEnvironment.put(name, String.valueOf(value)));
        realm = JSON.readTree(DOCKER.resolve("keycloak/atrium-realm.json").toFile());
    }

    /** QUARKUS_X_Y -> the run-time properties documented by the Quarkus extensions on the classpath. */
    static Map<String, String> quarkusRunTimeVariables() throws IOException {
        Map<String, String> variables = new TreeMap<>();
        for (URL url : Collections.list(DeploymentFilesTest.class
                .getClassLoader()
                .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
            try (InputStream in = url.openStream()) {
                collect(JSON.readTree(in), variables);
            }
        }
        return variables;
    }

    private static void collect(JsonNode node, Map<String, String> variables) {
        if (node.isObject()) {
            JsonNode path = node.get("path");
            JsonNode phase = node.get("phase");
            if (path != null && path.isObject() && path.has("environmentVariable") && phase != null) {
                if (phase.asText().equals("RUN_TIME")) {
                    variables.put(
                            path.get("environmentVariable").asText(),
                            path.get("property").asText());
                }
            }
            node.forEach(child -> collect(child, variables));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, variables));
        }
    }

    /** ATRIUM_X_Y -> atrium.x-y for every Atrium property in application.properties (any profile). */
    static Map<String, String> atriumVariables() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        Map<String, String> variables = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            String property = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            if (property.startsWith("atrium.")) {
                variables.put(environmentName(property), property);
            }
        }
        return variables;
    }

    /** The MicroProfile Config rule: upper case, every character other than a letter or digit becomes '_'. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    @Test
    void everyVariableGivenToAtriumIsAPropertyItReadsAtRunTime() throws IOException {
        Map<String, String> known = new TreeMap<>(quarkusRunTimeVariables());
        known.putAll(atriumVariables());
        assertTrue(known.containsKey("QUARKUS_OIDC_AUTH_SERVER_URL"), "the Quarkus config model was read");
        assertEquals("atrium.organising.role", known.get("ATRIUM_ORGANISING_ROLE"));

        List<String> unknown = atriumEnvironment.keySet().stream()
                .filter(name -> !known.containsKey(name))
                .toList();
        assertEquals(List.of(), unknown, "variables that no run-time property reads");
    }

    @Test
    void productionSettingsComeFromTheEnvironment() {
        assertEquals(
                Set.of(
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        "QUARKUS_DATASOURCE_USERNAME",
                        "QUARKUS_DATASOURCE_PASSWORD",
                        "QUARKUS_OIDC_AUTH_SERVER_URL",
                        "QUARKUS_OIDC_TOKEN_ISSUER",
                        "QUARKUS_OIDC_CLIENT_ID",
                        "ATRIUM_UI_PUBLIC_ISSUER",
                        "ATRIUM_PUBLIC_URL",
                        "ATRIUM_ORGANISING_ROLE"),
                atriumEnvironment.keySet());
        assertTrue(atriumEnvironment.get("QUARKUS_DATASOURCE_JDBC_URL").startsWith("jdbc:postgresql://postgres:5432/"));
        assertTrue(
                atriumEnvironment.get("QUARKUS_DATASOURCE_PASSWORD").startsWith("${"),
                "no password in the compose file");
    }

    @Test
    void realmMatchesTheCompositionAndTheApp() throws IOException {
        String realmName = realm.get("realm").asText();
        assertEquals("atrium", realmName);
        assertTrue(atriumEnvironment.get("QUARKUS_OIDC_AUTH_SERVER_URL").endsWith("/realms/" + realmName));
        assertTrue(atriumEnvironment.get("QUARKUS_OIDC_TOKEN_ISSUER").endsWith("/realms/" + realmName));

        Set<String> roles = values(realm.at("/roles/realm"), "name");
        assertTrue(roles.containsAll(Set.of("organiser", "user", "admin")), roles.toString());
        assertTrue(roles.contains(atriumEnvironment.get("ATRIUM_ORGANISING_ROLE")));

        // Atrium checks back-channel logout tokens against its client id: the browser client, whose sessions end
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        assertEquals("atrium-web", atriumEnvironment.get("QUARKUS_OIDC_CLIENT_ID"));
        assertEquals("atrium-web", properties.getProperty("%prod.quarkus.oidc.client-id"));

        JsonNode web = client("atrium-web");
        assertEquals(
                "${ATRIUM_INTERNAL_URL}" + properties.getProperty("quarkus.oidc.logout.backchannel.path"),
                web.at("/attributes/backchannel.logout.url").asText());
        assertEquals(
                "true",
                web.at("/attributes/backchannel.logout.session.required").asText());
        assertTrue(web.get("publicClient").asBoolean());
        assertTrue(web.get("standardFlowEnabled").asBoolean());
        assertFalse(web.get("implicitFlowEnabled").asBoolean());
        assertEquals("S256", web.at("/attributes/pkce.code.challenge.method").asText());
        // derived from the public URL at import (Keycloak resolves ${ENV} placeholders in imported realms)
        assertEquals(List.of("${ATRIUM_PUBLIC_URL}/*"), JSON.convertValue(web.get("redirectUris"), List.class));
        assertEquals(
                "${ATRIUM_PUBLIC_URL}/*",
                web.at("/attributes/post.logout.redirect.uris").asText());
    }

    @SuppressWarnings("unchecked")
    @Test
    void browsersGetThePublicAddressesAndAtriumTheInternalOne() {
        Map<String, Object> keycloak =
                (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("keycloak");
        Map<String, Object> keycloakEnvironment = (Map<String, Object>) keycloak.get("environment");
        String publicIssuer = atriumEnvironment.get("ATRIUM_UI_PUBLIC_ISSUER");
        assertEquals(atriumEnvironment.get("QUARKUS_OIDC_TOKEN_ISSUER"), publicIssuer, "tokens name the public issuer");
        assertEquals(String.valueOf(keycloakEnvironment.get("KC_HOSTNAME")) + "/realms/atrium", publicIssuer);
        assertEquals("http://keycloak:8080/realms/atrium", atriumEnvironment.get("QUARKUS_OIDC_AUTH_SERVER_URL"));
        // the realm import and Atrium's links use the same public URL
        assertEquals(
                atriumEnvironment.get("ATRIUM_PUBLIC_URL"),
                String.valueOf(keycloakEnvironment.get("ATRIUM_PUBLIC_URL")));
        assertTrue(atriumEnvironment.get("ATRIUM_PUBLIC_URL").startsWith("${ATRIUM_PUBLIC_URL:-http"));
    }

    /**
     * A healthcheck that needs bash's /dev/tcp must run bash: {@code CMD-SHELL} runs /bin/sh, which is dash in the
     * Ubuntu-based Temurin image, where the check could never pass.
     */
    @SuppressWarnings("unchecked")
    @Test
    void healthchecksRunInAShellThatHasWhatTheyUse() {
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        for (var entry : services.entrySet()) {
            Map<String, Object> healthcheck =
                    (Map<String, Object>) ((Map<String, Object>) entry.getValue()).get("healthcheck");
            assertTrue(healthcheck != null, entry.getKey() + " has a healthcheck");
            List<String> test = (List<String>) healthcheck.get("test");
            String command = String.join(" ", test);
            if (command.contains("/dev/tcp")) {
                assertEquals(
                        List.of("CMD", "bash", "-c"),
                        test.subList(0, Math.min(3, test.size())),
                        entry.getKey() + " uses /dev/tcp outside bash: " + command);
            }
        }
        List<String> atrium = (List<String>)
                ((Map<String, Object>) ((Map<String, Object>) services.get("atrium-1")).get("healthcheck")).get("test");
        assertTrue(atrium.get(3).contains("/q/health/ready"), atrium.toString());
    }

    @Test
    void demoUsersCanSignInToKeycloak() {
        // Keycloak refuses a login with "Account is not fully set up" without email, first and last name
        Set<String> names = new TreeSet<>();
        for (JsonNode user : realm.get("users")) {
            names.add(user.get("username").asText());
            for (String field : List.of("email", "firstName", "lastName")) {
                assertFalse(user.path(field).asText().isBlank(), user + " lacks " + field);
            }
            assertTrue(user.get("enabled").asBoolean());
        }
        assertEquals(Set.of("alice", "bob", "organiser", "speaker"), names);
        JsonNode organiser = StreamSupport.stream(realm.get("users").spliterator(), false)
                .filter(u -> u.get("username").asText().equals("organiser"))
                .findFirst()
                .orElseThrow();
        assertTrue(values(organiser.get("realmRoles")).contains("organiser"));
    }

    @Test
    void dockerfileCopiesOnlyWhatTheBuildContextSends() throws IOException {
        List<String> dockerfile = Files.readAllLines(DOCKER.resolve("Dockerfile"));
        List<String> sources = new ArrayList<>();
        for (String line : dockerfile) {
            String trimmed = line.trim();
            if (trimmed.startsWith("COPY ") && !trimmed.contains("--from=")) {
                List<String> parts = List.of(trimmed.substring(5).trim().split("\\s+")).stream()
                        .filter(p -> !p.startsWith("--")) // options such as --chown
                        .toList();
                sources.addAll(parts.subList(0, parts.size() - 1));
            }
        }
        assertEquals(List.of("mvnw", "pom.xml", ".mvn/", "src/main/", "docker/aot-cache.sh"), sources);
        Set<String> included = Files.readAllLines(Path.of(".dockerignore")).stream()
                .map(String::trim)
                .filter(l -> l.startsWith("!"))
                .map(l -> l.substring(1))
                .collect(Collectors.toSet());
        for (String source : sources) {
            assertTrue(Files.exists(Path.of(source)), source + " exists");
            assertTrue(included.contains(source), source + " is let through by .dockerignore");
        }
        assertTrue(dockerfile.stream().anyMatch(l -> l.startsWith("ENTRYPOINT") && l.contains("-jar quarkus-run.jar")));
        // the AOT cache is trained in the image that runs it: one JDK 25 for build, training and run
        assertTrue(dockerfile.stream().anyMatch(l -> l.startsWith("FROM eclipse-temurin:25-jdk AS build")));
        assertTrue(dockerfile.stream().anyMatch(l -> l.startsWith("FROM eclipse-temurin:25-jre")));
    }

    @SuppressWarnings("unchecked")
    @Test
    void composeMountsFilesThatExist() {
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertEquals(Set.of("atrium-1", "atrium-2", "proxy", "postgres", "keycloak"), services.keySet());
        assertEquals(services.get("atrium-1"), services.get("atrium-2"), "identical nodes");
        for (Object service : services.values()) {
            for (Object volume : (List<Object>) ((Map<String, Object>) service).getOrDefault("volumes", List.of())) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith("./")) {
                    assertTrue(Files.exists(DOCKER.resolve(source)), source);
                }
            }
        }
        assertEquals("postgres:17", ((Map<String, Object>) services.get("postgres")).get("image"));
        assertTrue(String.valueOf(((Map<String, Object>) services.get("keycloak")).get("image"))
                .startsWith("quay.io/keycloak/keycloak:26"));
    }

    /** The proxy sends work to exactly the compose file's nodes, upgrades live connections and keeps the Host port. */
    @SuppressWarnings("unchecked")
    @Test
    void theProxyServesEveryNodeAndKeycloakPostsLogoutsThroughIt() throws IOException {
        String nginx = Files.readString(DOCKER.resolve("nginx/atrium.conf"));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Set<String> nodes = new TreeSet<>();
        for (String name : services.keySet()) {
            if (name.startsWith("atrium-")) {
                nodes.add(name);
            }
        }
        Set<String> upstreams = new TreeSet<>();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("server (atrium-\\d+):8080").matcher(nginx);
        while (m.find()) {
            upstreams.add(m.group(1));
        }
        assertEquals(nodes, upstreams);
        assertTrue(nginx.contains("proxy_set_header Upgrade $http_upgrade;"), "WebSocket upgrade");
        assertTrue(nginx.contains("proxy_set_header Host $http_host;"), "the port stays in Host (Origin check)");
        assertFalse(nginx.contains("$host;"), "$host drops the port");
        Map<String, Object> keycloak = (Map<String, Object>) services.get("keycloak");
        assertEquals(
                "http://proxy:80",
                ((Map<String, Object>) keycloak.get("environment")).get("ATRIUM_INTERNAL_URL"),
                "a back-channel logout may reach any node: every node hears of it");
    }

    private JsonNode client(String clientId) {
        for (JsonNode client : realm.get("clients")) {
            if (client.get("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId + " in the realm");
    }

    private static Set<String> values(JsonNode array, String field) {
        Set<String> values = new TreeSet<>();
        array.forEach(node -> values.add(node.get(field).asText()));
        return values;
    }

    private static Set<String> values(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}

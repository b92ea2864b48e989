package org.atrium.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The organising rule as each profile reads the real application.properties (and the environment in production). */
class EventConfigTest {

    private static EventConfig read(String profile, Map<String, String> environment) throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(
                        new PropertiesConfigSource(EventConfigTest.class.getResource("/application.properties"), 250))
                .withSources(new EnvConfigSource(environment, 300))
                .withMapping(EventConfig.class)
                .build();
        return config.getConfigMapping(EventConfig.class);
    }

    @Test
    void productionNeedsTheOrganiserRoleByDefault() throws IOException {
        EventConfig prod = read("prod", Map.of());
        assertFalse(prod.open());
        assertEquals("organiser", prod.role());
    }

    @Test
    void theOperatorOpensOrRenamesItExplicitly() throws IOException {
        assertTrue(read("prod", Map.of("ATRIUM_ORGANISING_OPEN", "true")).open());
        assertEquals(
                "host", read("prod", Map.of("ATRIUM_ORGANISING_ROLE", "host")).role());
    }

    @Test
    void devAndTestStayOpenForTheDemoAccounts() throws IOException {
        assertTrue(read("dev", Map.of()).open());
        assertTrue(read("test", Map.of()).open());
    }
}

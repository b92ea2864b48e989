package org.atrium.agenda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

/**
 * Validates exports against the frab/voc schemas (schedule.xml.xsd with javax.xml.validation, schedule.schema.json
 * with networknt json-schema-validator, draft-06, format assertions on). The schemas are EUPL-1.2 files of the
 * voc/schedule project kept in the project's shared folder, whose NOTICE asks not to copy them into the project; they
 * are found there ({@code -Datrium.schemas.dir=...}, else a {@code shared/schemas} folder next to the project or one of
 * its parents). Without them these checks fail under CI ({@code CI=true}) and are skipped elsewhere, saying why.
 */
final class ScheduleSchemas {

    private ScheduleSchemas() {}

    static Path dir() {
        String configured = System.getProperty("atrium.schemas.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/schemas");
            if (Files.exists(candidate.resolve("schedule.xml.xsd"))) {
                return candidate;
            }
        }
        return here.resolve("../shared/schemas").normalize();
    }

    static Path require(String file) {
        return require(dir(), file, "true".equalsIgnoreCase(System.getenv("CI")));
    }

    /**
     * The schema {@code file} in {@code dir}. When it is missing the check cannot be made: under CI ({@code CI=true})
     * that fails the build, since a skipped check would pass it silently; elsewhere the test is skipped and says why,
     * on the console as well as in the report.
     */
    static Path require(Path dir, String file, boolean ci) {
        Path path = dir.resolve(file);
        if (Files.isReadable(path)) {
            return path;
        }
        String why = "frab schema " + path + " not found (the EUPL-1.2 schemas of voc/schedule are kept in a"
                + " shared/schemas folder next to the project, not in it; or pass -Datrium.schemas.dir=...)";
        if (ci) {
            fail(why + ": CI=true, so the export cannot go unchecked");
        }
        System.err.println("WARNING: " + why + ": schema validation skipped");
        assumeTrue(false, why + ": schema validation skipped");
        return path;
    }

    static void assertValidXml(String xml) throws Exception {
        Path xsd = require("schedule.xml.xsd");
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Validator validator = factory.newSchema(xsd.toFile()).newValidator();
        validator.validate(new StreamSource(new StringReader(xml)));
    }

    static Set<ValidationMessage> jsonErrors(String json) throws Exception {
        Path schemaFile = require("schedule.schema.json");
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V6);
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema schema = factory.getSchema(Files.readString(schemaFile), config);
        return schema.validate(new ObjectMapper().readTree(json));
    }

    static void assertValidJson(String json) throws Exception {
        assertEquals(
                List.of(),
                jsonErrors(json).stream().map(Object::toString).sorted().toList(),
                json);
    }
}

package org.atrium.agenda;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * its parents). Without them these checks are skipped (reported as skipped, never as passed).
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
        Path path = dir().resolve(file);
        assumeTrue(Files.isReadable(path), "schema " + path + " not found: schema validation skipped");
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

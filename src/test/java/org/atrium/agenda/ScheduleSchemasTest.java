package org.atrium.agenda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing frab schema fails the build under CI and is a reasoned skip elsewhere, never a silent pass. */
class ScheduleSchemasTest {

    @TempDir
    Path empty;

    @Test
    void underCiAMissingSchemaFails() {
        AssertionFailedError e = assertThrows(
                AssertionFailedError.class, () -> ScheduleSchemas.require(empty, "schedule.xml.xsd", true));
        assertTrue(e.getMessage().contains("schedule.xml.xsd"), e.getMessage());
    }

    @Test
    void elsewhereAMissingSchemaSkipsSayingWhy() {
        TestAbortedException e = assertThrows(
                TestAbortedException.class, () -> ScheduleSchemas.require(empty, "schedule.schema.json", false));
        assertTrue(e.getMessage().contains("schedule.schema.json not found"), e.getMessage());
    }

    @Test
    void aPresentSchemaIsUsed() throws Exception {
        Path xsd = Files.writeString(empty.resolve("schedule.xml.xsd"), "<xs:schema/>");
        assertEquals(xsd, ScheduleSchemas.require(empty, "schedule.xml.xsd", true));
    }
}

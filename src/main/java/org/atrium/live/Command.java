package org.atrium.live;

import com.fasterxml.jackson.databind.JsonNode;
import org.atrium.common.DomainException;

/** A client's command: its type, its own reference and its fields, as received on its connection. */
record Command(Member member, String type, String ref, JsonNode body) {

    long id(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw missing(field);
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber()) {
            throw invalid(field, "a whole number");
        }
        return node.asLong();
    }

    String text(String field, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw missing(field);
        }
        if (!node.isTextual()) {
            throw invalid(field, "a string");
        }
        String text = node.asText();
        if (text.isBlank()) {
            throw new DomainException(400, "text.empty", "'" + field + "' must not be empty.");
        }
        if (text.codePointCount(0, text.length()) > max) {
            throw new DomainException(
                    400,
                    "text.too-long",
                    "'" + field + "' is longer than " + max + " characters.",
                    java.util.Map.of("max", max));
        }
        return text;
    }

    String string(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw missing(field);
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw invalid(field, "a non-empty string");
        }
        return node.asText();
    }

    /** An optional boolean; null when absent. */
    Boolean flag(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw invalid(field, "true or false");
        }
        return node.asBoolean();
    }

    /** An optional whole number; null when absent. */
    Integer count(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isInt()) {
            throw invalid(field, "a whole number");
        }
        return node.asInt();
    }

    static DomainException missing(String field) {
        return new DomainException(
                400,
                "message.missing-field",
                "The field '" + field + "' is required.",
                java.util.Map.of("field", field));
    }

    static DomainException invalid(String field, String what) {
        return new DomainException(
                400,
                "message.invalid-field",
                "The field '" + field + "' must be " + what + ".",
                java.util.Map.of("field", field));
    }
}

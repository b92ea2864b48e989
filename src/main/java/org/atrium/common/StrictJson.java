package org.atrium.common;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict JSON for every body and live frame: a key given twice ({@code {"slug":"a","slug":"b"}}) is refused as
 * {@code json.duplicate-key} instead of the last one silently winning (unknown fields are refused by
 * {@code quarkus.jackson.fail-on-unknown-properties}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    }

    /**
     * The key Jackson refused a document for giving twice, anywhere in {@code e}'s causes (Jackson has no exception type
     * of its own for it); null when {@code e} is about something else.
     */
    public static String duplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamReadException read && read.getOriginalMessage() != null) {
                Matcher m = DUPLICATE.matcher(read.getOriginalMessage());
                if (m.lookingAt()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    public static boolean isDuplicateKey(Throwable e) {
        return duplicateKey(e) != null;
    }

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");
}

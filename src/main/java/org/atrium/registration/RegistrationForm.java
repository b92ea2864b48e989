package org.atrium.registration;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A participant's small profile when registering. The email is read from the account's token, never from here;
 * a blank display name falls back to the name in the token.
 */
record RegistrationForm(
        @Size(max = 200) String displayName,
        @Size(max = 200) String affiliation,

        @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 country code such as AZ")
        String country,

        @Size(max = 64) String timeZone,
        @Size(max = 2000) String notes) {

    static final RegistrationForm EMPTY = new RegistrationForm(null, null, null, null, null);
}

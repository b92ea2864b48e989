package org.atrium.exhibition;

import java.util.List;

/**
 * A gallery's pre-moderation was switched: the guestbooks of its works (their live rooms) hold new entries for
 * approval from now on, or stop holding them. Fired inside the changing transaction, so the live rooms' settings
 * change with it.
 */
public record GuestbooksModerated(long eventId, List<Long> workIds, boolean premoderation) {}

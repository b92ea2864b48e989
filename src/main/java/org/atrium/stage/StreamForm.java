package org.atrium.stage;

import jakarta.validation.constraints.Size;

/**
 * A stream as an organiser sends it: the address (a URL, or a bare YouTube or Vimeo id with its provider), the
 * provider when the address alone does not say it (a self-hosted PeerTube, Jitsi or BigBlueButton), instructions
 * shown beside a meeting's Join button, and whether a Jitsi meeting may be embedded in the page. {@code version} is
 * required when replacing a stream. The address is checked by {@link StreamUrl} (its own codes, not a size rule).
 */
record StreamForm(
        String url, Provider provider, @Size(max = 2000) String instructions, Boolean allowEmbed, Long version) {}

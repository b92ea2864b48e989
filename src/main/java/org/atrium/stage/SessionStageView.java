package org.atrium.stage;

/**
 * What a session's page shows on its stage: the stream in force (the session's own, else its venue's; null when
 * neither has one), the recording once there is one, and whether the page plays something in its player frame
 * ({@code /stage/{slug}/sessions/{id}}): the recording after the session ended, else the stream when it is played.
 */
record SessionStageView(long sessionId, StreamView stream, StreamView recording, String player) {}

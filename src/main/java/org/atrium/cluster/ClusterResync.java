package org.atrium.cluster;

/**
 * The cluster channel (re)started listening: messages sent while it was not listening are lost (a notification is
 * delivered only to connections listening at commit time), so whatever they would have invalidated is invalid now. Fired
 * on the listening thread after every (re)connection, the first included.
 */
public record ClusterResync(int connection) {}

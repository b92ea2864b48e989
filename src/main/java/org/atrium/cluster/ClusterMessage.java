package org.atrium.cluster;

/**
 * A message another node published on the cluster channel ({@link ClusterChannel}): its topic (what it is about) and
 * its payload (small: PostgreSQL limits a notification to 8,000 bytes). Observers run on the channel's listening thread:
 * they must be quick and must not block (drop a cache, record a sign-out); longer work goes to a worker.
 */
public record ClusterMessage(String topic, String payload, String fromNode) {}

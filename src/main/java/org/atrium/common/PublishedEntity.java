package org.atrium.common;

/**
 * An entity whose rows appear in public renderings (the programme, the schedule feeds, the event list). Any committed
 * insert, update or delete of one, through Hibernate, replaces every rendering {@link PublicRenderings} holds (see
 * {@link PublishedChanges}). Code that changes such a table behind Hibernate (native or bulk SQL) must change an
 * entity of the same transaction too, or call {@link PublicRenderings#changed()} after its commit.
 */
public interface PublishedEntity {}

package org.atrium.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Applies {@link PostgresResource} to every {@code @QuarkusTest} of the run (one database, one app start). */
@QuarkusTestResource(PostgresResource.class)
public class DatabaseTestResource {}

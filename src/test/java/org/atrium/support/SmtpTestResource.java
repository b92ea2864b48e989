package org.atrium.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Applies {@link SmtpResource} to every {@code @QuarkusTest} of the run, like the database: one app start. */
@QuarkusTestResource(SmtpResource.class)
public class SmtpTestResource {}

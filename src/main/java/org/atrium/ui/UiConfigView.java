package org.atrium.ui;

/** What the browser needs to sign in: the provider's issuer and endpoints and the public client id. */
record UiConfigView(
        String issuer,
        String clientId,
        String scope,
        String authorizationEndpoint,
        String tokenEndpoint,
        String endSessionEndpoint,
        boolean devProvider) {}

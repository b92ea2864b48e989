// Sign-in with the configured OpenID Connect provider: authorization code + PKCE, tokens kept in sessionStorage
// (gone when the tab closes), renewed with the refresh token before they expire (the rotated refresh token replaces
// the old one each time), and sign-out that ends the provider's session too. In development the provider is Quarkus' OIDC dev server, whose token endpoint Atrium
// relays because it sends no CORS headers (see /api/ui-config).

const STORE = 'atrium.auth';
const PENDING = 'atrium.auth.pending';
let configPromise;

export function uiConfig() {
  if (!configPromise) {
    configPromise = fetch('/api/ui-config', { headers: { Accept: 'application/json' } }).then(async (r) => {
      if (r.ok) return r.json();
      // 503 auth.provider-unavailable: the identity provider is down; the problem document says so
      const problem = await r.json().catch(() => ({}));
      throw new Error(problem.detail || `Sign-in settings unavailable (${r.status})`);
    });
    // a failure is not remembered: the next sign-in asks again (the provider may be back)
    configPromise.catch(() => { configPromise = undefined; });
  }
  return configPromise;
}

function b64url(bytes) {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(n = 32) {
  return b64url(crypto.getRandomValues(new Uint8Array(n)));
}

function redirectUri() {
  return `${location.origin}/`;
}

/** Sends the browser to the provider; it comes back to / with ?code&state and finishSignIn completes it. */
export async function signIn(returnTo = location.hash || '#/') {
  const cfg = await uiConfig();
  const verifier = randomString(48);
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = randomString(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: cfg.clientId,
    redirect_uri: redirectUri(),
    scope: cfg.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(`${cfg.authorizationEndpoint}?${params}`);
}

/** If the URL carries an authorization response, exchanges the code; returns the hash to go to, or null. */
export async function finishSignIn() {
  const query = new URLSearchParams(location.search);
  const code = query.get('code');
  const error = query.get('error');
  if (!code && !error) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', `/${pending?.returnTo || '#/'}`);
  if (error) throw new Error(`Sign-in refused: ${query.get('error_description') || error}`);
  if (!pending || pending.state !== query.get('state')) throw new Error('Sign-in answer did not match this browser tab; please sign in again.');
  const cfg = await uiConfig();
  await tokenRequest(cfg, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri(),
    client_id: cfg.clientId,
    code_verifier: pending.verifier,
  });
  return pending.returnTo || '#/';
}

/** A refused grant (the refresh token expired or was revoked): the sign-in is over, unlike a network failure. */
class GrantRefused extends Error {}

async function tokenRequest(cfg, form) {
  const r = await fetch(cfg.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(form),
  });
  if (r.status === 400 || r.status === 401) throw new GrantRefused(`Sign-in refused at the token endpoint (${r.status})`);
  if (!r.ok) throw new Error(`Sign-in failed at the token endpoint (${r.status})`);
  const t = await r.json();
  // a refresh keeps what the provider did not send again; a new sign-in starts afresh
  const before = form.grant_type === 'refresh_token' ? stored() : null;
  // a refresh that answers after sign-out must not sign the person back in
  if (form.grant_type === 'refresh_token' && !before) return null;
  const lifetime = (Number(t.expires_in) || 300) * 1000;
  const next = {
    accessToken: t.access_token,
    // rotation: a provider that rotates refresh tokens sends a new one each time and the old one stops working;
    // one that does not rotate sends none (or the same), and the one we hold stays valid
    refreshToken: t.refresh_token || before?.refreshToken || null,
    idToken: t.id_token || before?.idToken || null,
    expiresAt: Date.now() + lifetime,
    lifetime,
  };
  sessionStorage.setItem(STORE, JSON.stringify(next));
  scheduleRefresh();
  if (form.grant_type === 'refresh_token') {
    for (const listener of listeners) listener(next.accessToken);
  }
  return next;
}

function stored() {
  return JSON.parse(sessionStorage.getItem(STORE) || 'null');
}

let refreshing;
let refreshTimer;
const listeners = new Set();

/**
 * Calls back after each token refresh with the new access token (live connections move to it: their old ticket's
 * token is about to expire). Returns the function that stops it.
 */
export function onTokenRefreshed(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** How long before expiry a token is renewed: a quarter of its lifetime, between 5 and 30 seconds. */
function margin(s) {
  return Math.min(30000, Math.max(5000, (s.lifetime || 300000) / 4));
}

/** Renews the tokens ahead of expiry even when nothing calls the API (a page that only listens to a live room). */
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  const s = stored();
  if (!s?.refreshToken) return;
  refreshTimer = setTimeout(() => { refresh().catch(() => {}); }, Math.max(0, s.expiresAt - margin(s) - Date.now()));
}

/** Trades the refresh token for new tokens; once at a time. Resolves with the access token, or null when signed out. */
function refresh() {
  const s = stored();
  if (!s?.refreshToken) return Promise.resolve(s && s.expiresAt > Date.now() ? s.accessToken : null);
  if (!refreshing) {
    refreshing = uiConfig()
      .then((cfg) => tokenRequest(cfg, { grant_type: 'refresh_token', refresh_token: s.refreshToken, client_id: cfg.clientId }))
      .then((t) => t?.accessToken ?? null)
      .catch((e) => {
        if (e instanceof GrantRefused) {
          sessionStorage.removeItem(STORE);
          return null;
        }
        // offline or the provider is down: keep the sign-in, use the token while it lasts, try again soon
        clearTimeout(refreshTimer);
        refreshTimer = setTimeout(() => { refresh().catch(() => {}); }, 5000);
        const now = stored();
        return now && now.expiresAt > Date.now() ? now.accessToken : null;
      })
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

/** A valid access token, refreshed when it is about to expire; null when signed out. */
export async function accessToken() {
  const s = stored();
  if (!s) return null;
  if (s.expiresAt - Date.now() > margin(s)) return s.accessToken;
  return refresh();
}

function claims(jwt) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
    return JSON.parse(json);
  } catch {
    return {};
  }
}

/** The signed-in account as the token says ({subject, name, roles}), or null. */
export function currentUser() {
  const s = stored();
  if (!s || s.expiresAt < Date.now() && !s.refreshToken) return null;
  const c = claims(s.accessToken);
  const roles = c.groups || c.realm_access?.roles || [];
  return { subject: c.sub, name: c.name || c.preferred_username || c.sub, roles };
}

/**
 * Forgets the tokens and, when the provider has an end-session endpoint, ends the provider's session too
 * (RP-initiated logout), which sends the browser back to Atrium's root; otherwise "Sign in" would log straight in.
 */
export async function signOut() {
  const s = stored();
  sessionStorage.removeItem(STORE);
  clearTimeout(refreshTimer);
  let cfg;
  try {
    cfg = await uiConfig();
  } catch {
    return;
  }
  if (!cfg.endSessionEndpoint) return;
  const params = new URLSearchParams({ client_id: cfg.clientId, post_logout_redirect_uri: redirectUri() });
  if (s?.idToken) params.set('id_token_hint', s.idToken);
  location.assign(`${cfg.endSessionEndpoint}?${params}`);
}

scheduleRefresh();

// Sign-in with the configured OpenID Connect provider: authorization code + PKCE, tokens kept in sessionStorage
// (gone when the tab closes). In development the provider is Quarkus' OIDC dev server, whose token endpoint Atrium
// relays because it sends no CORS headers (see /api/ui-config).

const STORE = 'atrium.auth';
const PENDING = 'atrium.auth.pending';
let configPromise;

export function uiConfig() {
  if (!configPromise) {
    configPromise = fetch('/api/ui-config', { headers: { Accept: 'application/json' } }).then((r) => {
      if (!r.ok) throw new Error(`Sign-in settings unavailable (${r.status})`);
      return r.json();
    });
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

async function tokenRequest(cfg, form) {
  const r = await fetch(cfg.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(form),
  });
  if (!r.ok) throw new Error(`Sign-in failed at the token endpoint (${r.status})`);
  const t = await r.json();
  const stored = {
    accessToken: t.access_token,
    refreshToken: t.refresh_token || null,
    idToken: t.id_token || null,
    expiresAt: Date.now() + (Number(t.expires_in) || 300) * 1000,
  };
  sessionStorage.setItem(STORE, JSON.stringify(stored));
  return stored;
}

function stored() {
  return JSON.parse(sessionStorage.getItem(STORE) || 'null');
}

let refreshing;
/** A valid access token, refreshed when it is about to expire; null when signed out. */
export async function accessToken() {
  const s = stored();
  if (!s) return null;
  if (s.expiresAt - Date.now() > 30000) return s.accessToken;
  if (!s.refreshToken) {
    return s.expiresAt > Date.now() ? s.accessToken : null;
  }
  if (!refreshing) {
    refreshing = uiConfig()
      .then((cfg) => tokenRequest(cfg, { grant_type: 'refresh_token', refresh_token: s.refreshToken, client_id: cfg.clientId }))
      .then((t) => t.accessToken)
      .catch(() => { sessionStorage.removeItem(STORE); return null; })
      .finally(() => { refreshing = null; });
  }
  return refreshing;
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

export function signOut() {
  sessionStorage.removeItem(STORE);
}

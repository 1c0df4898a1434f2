// Signing in: the embedded dev issuer's form, or OpenID Connect Authorization Code + PKCE against the configured
// issuer. The access token is kept in memory only (api.js); reloading the page signs out. Only the PKCE verifier
// and state wait in sessionStorage across the issuer's redirect, and are removed when it comes back.

import { api, setToken, currentToken } from "./api.js";

const PKCE_KEY = "astradesk.console.pkce";

/** The server's sign-in settings: {sign_in: "dev_token" | "oidc" | "none", issuer?, client_id?, scope?}. */
export async function loadConfig() {
  return api("/console/config.json");
}

export function names(text) {
  return String(text || "")
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Embedded mode: a token from POST /dev/token for this subject, roles and groups. */
export async function signInWithDevToken(sub, roles, groups) {
  const body = await api("/dev/token", { method: "POST", body: { sub, roles: names(roles), groups: names(groups) } });
  setToken(body.access_token);
}

export function signOut() {
  setToken(null);
}

/** The signed-in caller from the token's claims: {sub, roles[]} (display only; the server decides access). */
export function caller() {
  const token = currentToken();
  if (!token) return null;
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const json = new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json);
    const roles = new Set();
    const add = (list) => Array.isArray(list) && list.forEach((r) => typeof r === "string" && roles.add(r));
    add(claims.roles);
    add(claims.groups);
    add(claims.realm_access && claims.realm_access.roles);
    if (claims.resource_access && typeof claims.resource_access === "object") {
      Object.values(claims.resource_access).forEach((v) => add(v && v.roles));
    }
    return { sub: String(claims.sub || "?"), roles: [...roles].sort() };
  } catch (e) {
    return { sub: "?", roles: [] };
  }
}

function redirectUri() {
  return `${location.origin}/console`;
}

function randomString(bytes) {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return base64url(data);
}

function base64url(bytes) {
  let s = "";
  new Uint8Array(bytes).forEach((b) => (s += String.fromCharCode(b)));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function discover(issuer) {
  const response = await fetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`, {
    credentials: "omit",
  });
  if (!response.ok) throw new Error(`the issuer's discovery document answered ${response.status}`);
  return response.json();
}

/** Sends the browser to the issuer's authorization endpoint with a fresh PKCE challenge. */
export async function startOidc(config) {
  const meta = await discover(config.issuer);
  const verifier = randomString(48);
  const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  const state = randomString(24);
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(meta.authorization_endpoint);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", config.client_id);
  url.searchParams.set("redirect_uri", redirectUri());
  url.searchParams.set("scope", config.scope);
  url.searchParams.set("state", state);
  url.searchParams.set("code_challenge", challenge);
  url.searchParams.set("code_challenge_method", "S256");
  location.assign(url.toString());
}

/** On the issuer's redirect back (?code=&state=): exchanges the code for a token; false when not a redirect. */
export async function completeOidc(config) {
  const params = new URLSearchParams(location.search);
  if (!params.has("code") && !params.has("error")) return false;
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || "null");
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, "", "/console");
  if (params.has("error")) throw new Error(params.get("error_description") || params.get("error"));
  if (!saved || saved.state !== params.get("state")) throw new Error("the sign-in answer does not match its request");
  const meta = await discover(config.issuer);
  const response = await fetch(meta.token_endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: params.get("code"),
      redirect_uri: redirectUri(),
      client_id: config.client_id,
      code_verifier: saved.verifier,
    }),
    credentials: "omit",
  });
  if (!response.ok) throw new Error(`the token endpoint answered ${response.status}`);
  const body = await response.json();
  if (!body.access_token) throw new Error("the token endpoint sent no access token");
  setToken(body.access_token);
  return true;
}

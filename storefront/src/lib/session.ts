// The shopper's session: the access token lives in memory only; the refresh token (one use,
// rotating) is kept in localStorage so a reload or a new tab stays signed in. The access token is
// refreshed silently a minute before it expires, and once more when the gateway answers 401.
// Tabs share the refresh token, and presenting a spent one ends the session (users/README.md,
// "Sessions"): refreshes take a cross-tab lock and always use the newest stored token.
import { useSyncExternalStore } from 'react';
import { Client, fetchExchange } from '@urql/core';
import { graphql } from '../gql';
import type { Role } from '../gql/graphql';

export const GRAPHQL_URL = '/graphql';
const REFRESH_TOKEN_KEY = 'storefront.refreshToken';
const REFRESH_AHEAD_MS = 60_000;

export type SessionUser = { id: string; name: string; email: string; role: Role };
export type Session = { token: string; expiresAt: number; user: SessionUser };
export type UserErrorLike = { code: string; message: string; field?: ReadonlyArray<string | null> | null };

const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token expiresAt refreshToken
      user { id name email role }
      userErrors { code message field }
    }
  }
`);

const RegisterMutation = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      token expiresAt refreshToken
      user { id name email role }
      userErrors { code message field }
    }
  }
`);

const RefreshMutation = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      token expiresAt refreshToken
      user { id name email role }
      userErrors { code message }
    }
  }
`);

const LogoutMutation = graphql(`
  mutation Logout($refreshToken: String!) {
    logout(refreshToken: $refreshToken) { sessionsEnded userErrors { code message } }
  }
`);

/** A client without the session's token: signing in, refreshing, signing out. */
const sessionClient = new Client({ url: GRAPHQL_URL, exchanges: [fetchExchange], preferGetMethod: false });

let session: Session | null = null;
let restoring = storedRefreshToken() !== null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<() => void>();

function emit() {
  listeners.forEach((listener) => listener());
}

function storedRefreshToken(): string | null {
  try {
    return localStorage.getItem(REFRESH_TOKEN_KEY);
  } catch {
    return null;
  }
}

type Tokens = { token?: string | null; expiresAt?: string | null; refreshToken?: string | null;
  user?: { id: string; name: string; email: string; role: Role } | null };

function accept(tokens: Tokens, publish = true): boolean {
  if (!tokens.token || !tokens.refreshToken || !tokens.user || !tokens.expiresAt) {
    return false;
  }
  localStorage.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
  session = { token: tokens.token, expiresAt: Date.parse(tokens.expiresAt), user: { ...tokens.user } };
  clearTimeout(refreshTimer);
  const delay = Math.max(5_000, session.expiresAt - Date.now() - REFRESH_AHEAD_MS);
  refreshTimer = setTimeout(() => void refresh(), delay);
  if (publish) {
    emit();
  }
  return true;
}

function forget() {
  clearTimeout(refreshTimer);
  localStorage.removeItem(REFRESH_TOKEN_KEY);
  session = null;
  emit();
}

/** Runs `work` under a lock every tab of this origin shares (where the browser has Web Locks). */
async function withTabLock<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks) {
    return navigator.locks.request('storefront.session', work);
  }
  return work();
}

/**
 * A new access token from the newest stored refresh token. False (and signed out) when the
 * session has ended; a network failure keeps the session for the next try.
 */
export function refresh(): Promise<boolean> {
  if (!refreshing) {
    refreshing = withTabLock(async () => {
      const refreshToken = storedRefreshToken();
      if (!refreshToken) {
        forget();
        return false;
      }
      const result = await sessionClient.mutation(RefreshMutation, { refreshToken }).toPromise();
      const payload = result.data?.refreshSession;
      if (payload && accept(payload)) {
        return true;
      }
      if (payload) {
        forget(); // INVALID_REFRESH_TOKEN, SESSION_EXPIRED, SESSION_REVOKED: signed out
      } else {
        clearTimeout(refreshTimer);
        refreshTimer = setTimeout(() => void refresh(), 15_000);
      }
      return false;
    }).finally(() => {
      refreshing = null;
      restoring = false;
      emit();
    });
  }
  return refreshing;
}

/** Restores the session of a stored refresh token at start-up. */
export function restoreSession(): void {
  if (storedRefreshToken()) {
    void refresh();
  }
}

/** Work to do with the new access token before the rest of the shop sees the session (merging the cart). */
export type OnSignedIn = (accessToken: string) => Promise<void>;

export async function signIn(email: string, password: string, onSignedIn?: OnSignedIn): Promise<UserErrorLike[]> {
  const result = await sessionClient.mutation(LoginMutation, { email, password }).toPromise();
  return settle(result.data?.login, result.error?.message, onSignedIn);
}

export async function register(name: string, email: string, password: string,
                               onSignedIn?: OnSignedIn): Promise<UserErrorLike[]> {
  const result = await sessionClient.mutation(RegisterMutation, { input: { name, email, password } }).toPromise();
  return settle(result.data?.register, result.error?.message, onSignedIn);
}

async function settle(payload: (Tokens & { userErrors?: ReadonlyArray<UserErrorLike | null> | null }) | null | undefined,
                      failure: string | undefined, onSignedIn?: OnSignedIn): Promise<UserErrorLike[]> {
  if (!payload) {
    console.warn('sign-in failed:', failure);
    return [{ code: 'UNAVAILABLE', message: 'The shop could not be reached. Please try again.' }];
  }
  const errors = (payload.userErrors ?? []).filter((e): e is UserErrorLike => e != null);
  if (errors.length > 0) {
    return errors;
  }
  if (!accept(payload, false)) {
    return [{ code: 'UNAVAILABLE', message: 'Signing in did not work. Please try again.' }];
  }
  try {
    await onSignedIn?.(session!.token);
  } finally {
    emit();
  }
  return [];
}

/** Ends the session at the users service (its refresh token can no longer be used) and here. */
export async function signOut(): Promise<void> {
  const refreshToken = storedRefreshToken();
  forget();
  if (refreshToken) {
    await sessionClient.mutation(LogoutMutation, { refreshToken }).toPromise();
  }
}

/** The access token to send now: refreshed first when it is about to expire. */
export async function accessToken(): Promise<string | null> {
  if (refreshing) {
    await refreshing;
  }
  if (session && session.expiresAt - Date.now() < 10_000) {
    await refresh();
  }
  return session?.token ?? null;
}

export function currentSession(): Session | null {
  return session;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The signed-in shopper (null when anonymous); `restoring` while a stored session is being resumed. */
export function useSession(): { session: Session | null; restoring: boolean } {
  const current = useSyncExternalStore(subscribe, () => session);
  const isRestoring = useSyncExternalStore(subscribe, () => restoring);
  return { session: current, restoring: isRestoring };
}

/**
 * fetch for the shop's GraphQL client: adds the access token, and when the gateway refuses it
 * (401: expired while the tab slept) refreshes once and sends the request again.
 */
export async function authorizedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const send = (token: string | null) => {
    const headers = new Headers(init?.headers);
    if (token) {
      headers.set('Authorization', `Bearer ${token}`);
    }
    return fetch(input, { ...init, headers });
  };
  const token = await accessToken();
  const response = await send(token);
  if (response.status === 401 && token && (await refresh())) {
    return send(session?.token ?? null);
  }
  return response;
}

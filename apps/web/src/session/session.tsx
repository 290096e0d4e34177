/**
 * Who is logged in: the profile from /auth/me, the cooperative they work in and their roles there, and the
 * municipalities they review. Restored from the refresh token when the page loads.
 */
import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, tokens, TokenPair } from '../api/client';

export type CooperativeRole = 'board' | 'treasurer' | 'coordinator' | 'member';

export interface Profile {
  id: string;
  email: string;
  displayName: string;
  cooperatives: Array<{ cooperativeId: string; roles: CooperativeRole[] }>;
  reviewsMunicipalities: string[];
}

interface Session {
  /** undefined while the page is still finding out; null when nobody is logged in. */
  profile: Profile | null | undefined;
  /** The cooperative the user works in (the first they hold a role in). */
  cooperativeId: string | undefined;
  roles: CooperativeRole[];
  /** The municipality the user reviews, if any. */
  municipalityId: string | undefined;
  has(role: CooperativeRole): boolean;
  login(email: string, password: string): Promise<Profile>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [profile, setProfile] = useState<Profile | null | undefined>(undefined);

  useEffect(() => tokens.onCleared(() => setProfile(null)), []);
  useEffect(() => {
    let cancelled = false;
    const restore = async () => {
      if (!tokens.refreshToken || !(await tokens.refresh())) return null;
      return api<Profile>('/auth/me');
    };
    restore()
      .catch(() => null)
      .then((restored) => !cancelled && setProfile(restored));
    return () => {
      cancelled = true;
    };
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    tokens.set(await api<TokenPair>('/auth/login', { method: 'POST', body: { email, password } }));
    const me = await api<Profile>('/auth/me');
    setProfile(me);
    return me;
  }, []);

  const logout = useCallback(async () => {
    const refreshToken = tokens.refreshToken;
    try {
      if (refreshToken) await api('/auth/logout', { method: 'POST', body: { refreshToken } });
    } finally {
      tokens.clear();
    }
  }, []);

  const value = useMemo<Session>(() => {
    const membership = profile?.cooperatives[0];
    const roles = membership?.roles ?? [];
    return {
      profile,
      cooperativeId: membership?.cooperativeId,
      roles,
      municipalityId: profile?.reviewsMunicipalities[0],
      has: (role) => roles.includes(role),
      login,
      logout,
    };
  }, [profile, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}

/** The cooperative of the logged-in user, for pages that only render inside it. */
export function useCooperativeId(): string {
  const { cooperativeId } = useSession();
  if (!cooperativeId) throw new Error('This page needs a cooperative');
  return cooperativeId;
}

/** The API path prefix of the user's cooperative: `/cooperatives/{id}`. */
export function useCooperativePath(): string {
  return `/cooperatives/${useCooperativeId()}`;
}

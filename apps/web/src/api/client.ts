/**
 * The one way the web UI talks to the API: JSON over fetch with the access token, a single refresh when it
 * has expired, and every refusal turned into an ApiError that carries the API's problem+json.
 */

/** RFC 9457 problem details as the API sends them. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code?: string;
  detail?: string;
  errors?: Array<{ field: string; messages: string[] }>;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  /** The messages per field path (`ratio.municipality`, `lines[2].amount`), for showing next to the field. */
  fieldErrors(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const error of this.problem.errors ?? []) result[error.field] = error.messages.join(' ');
    return result;
  }
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const REFRESH_KEY = 'buurtcoop.refreshToken';

/** Tokens: the access token lives in memory only; the refresh token survives a reload of the page. */
class Tokens {
  private access: string | undefined;
  private refreshing: Promise<boolean> | undefined;
  private listeners = new Set<() => void>();

  get accessToken(): string | undefined {
    return this.access;
  }

  get refreshToken(): string | null {
    return localStorage.getItem(REFRESH_KEY);
  }

  set(pair: TokenPair): void {
    this.access = pair.accessToken;
    localStorage.setItem(REFRESH_KEY, pair.refreshToken);
  }

  clear(): void {
    this.access = undefined;
    localStorage.removeItem(REFRESH_KEY);
    for (const listener of this.listeners) listener();
  }

  /** Called when the session ended without the user asking (refresh refused). */
  onCleared(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Trades the refresh token for a new pair; concurrent callers share one attempt (a token is usable once). */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async doRefresh(): Promise<boolean> {
    const refreshToken = this.refreshToken;
    if (!refreshToken) return false;
    const response = await fetch('/api/v1/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }) });
    if (!response.ok) {
      this.clear();
      return false;
    }
    this.set((await response.json()) as TokenPair);
    return true;
  }
}

export const tokens = new Tokens();

type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  /** A file upload: sent as multipart/form-data under this field name. */
  file?: { field: string; file: Blob; name?: string };
  signal?: AbortSignal;
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (tokens.accessToken) headers.authorization = `Bearer ${tokens.accessToken}`;
  let body: BodyInit | undefined;
  if (options.file) {
    const form = new FormData();
    form.append(options.file.field, options.file.file, options.file.name);
    body = form;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  return fetch(withQuery(`/api/v1${path}`, options.query), { method: options.method ?? 'GET', headers, body, signal: options.signal });
}

async function problemOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as Problem;
    return new ApiError({ ...parsed, status: response.status });
  } catch {
    return new ApiError({ status: response.status, title: response.statusText, detail: text.slice(0, 300) || undefined });
  }
}

/** Sends a request and answers the raw response once it is 2xx; refreshes the access token once on a 401. */
export async function requestRaw(path: string, options: RequestOptions = {}): Promise<Response> {
  let response = await send(path, options);
  if (response.status === 401 && tokens.refreshToken && (await tokens.refresh())) response = await send(path, options);
  if (!response.ok) throw await problemOf(response);
  return response;
}

/** A JSON request; answers the parsed body (undefined for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await requestRaw(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Downloads a file the API serves (a PDF, a pain.008) with the user's token, under the name it gives. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await requestRaw(path);
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

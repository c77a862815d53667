/**
 * The one HTTP client of the web app: same origin, Bearer token from sessionStorage,
 * FHIR OperationOutcome errors turned into ApiError with readable issues.
 */
import type { OperationOutcome } from '@medplum/fhirtypes';

const TOKEN_KEY = 'ovi.accessToken';

export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

/** One problem the server reported; `expression` holds linkIds or FHIRPath of the field. */
export interface ApiIssue {
  message: string;
  /** The server's technical detail, when it gives one apart from the message. */
  diagnostics?: string;
  expression: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly issues: ApiIssue[],
    readonly retryAfterSeconds?: number,
  ) {
    super(issues.map((i) => i.message).join('; ') || `HTTP ${status}`);
  }
}

type UnauthorizedListener = () => void;
let unauthorizedListener: UnauthorizedListener | undefined;

/** The session registers here so that an expired token takes the user back to login. */
export function setUnauthorizedListener(listener: UnauthorizedListener | undefined): void {
  unauthorizedListener = listener;
}

export interface ApiResponse<T> {
  data: T;
  headers: Headers;
}

interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** A body sent as it is (e.g. a CSV file), with the Content-Type given in `headers`. */
  text?: string;
  /** Let the request finish even if the page is closed (logging out). */
  keepalive?: boolean;
}

function isFhirPath(path: string): boolean {
  return path.startsWith('/fhir/');
}

function issuesFrom(body: unknown): ApiIssue[] {
  const outcome = body as Partial<OperationOutcome> | null;
  if (!outcome || outcome.resourceType !== 'OperationOutcome') return [];
  return (outcome.issue ?? []).map((issue) => ({
    message: issue.details?.text ?? issue.diagnostics ?? issue.code ?? '',
    diagnostics: issue.diagnostics,
    expression: issue.expression ?? issue.location ?? [],
  }));
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const mediaType = isFhirPath(path) ? 'application/fhir+json' : 'application/json';
  const headers: Record<string, string> = { Accept: `${mediaType}, application/json`, ...options.headers };
  const token = tokenStore.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = mediaType;
  const sent = options.text ?? (options.body === undefined ? undefined : JSON.stringify(options.body));

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: sent,
      ...(options.keepalive ? { keepalive: true } : {}),
    });
  } catch {
    throw new ApiError(0, []);
  }
  const body = await readBody(response);
  if (!response.ok) {
    if (response.status === 401 && token) unauthorizedListener?.();
    const retryAfter = Number(response.headers.get('Retry-After'));
    throw new ApiError(response.status, issuesFrom(body), Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
  }
  return { data: body as T, headers: response.headers };
}

export const api = {
  get: async <T>(path: string, headers?: Record<string, string>): Promise<T> => (await request<T>('GET', path, { headers })).data,
  post: <T>(path: string, body: unknown, headers?: Record<string, string>) => request<T>('POST', path, { body, headers }),
  put: <T>(path: string, body: unknown, headers?: Record<string, string>) => request<T>('PUT', path, { body, headers }),
};

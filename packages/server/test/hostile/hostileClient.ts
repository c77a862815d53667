/**
 * Sends generated requests exactly as generated (any method, any header, any bytes, no content
 * type at all, or a raw socket), and reports offending ones precisely.
 * fetch cannot do this: it adds a content type to string bodies and refuses bodies on GET.
 */
import http from 'node:http';
import net from 'node:net';
import type { FuzzRequest } from './requestGenerators';

export interface FuzzResponse {
  status: number;
  contentType: string;
  text: string;
  /** Set when no HTTP answer came (connection reset, timeout, client-side refusal). */
  error?: string;
}

export interface FuzzResult {
  request: FuzzRequest;
  response: FuzzResponse;
}

const TIMEOUT_MS = 20_000;

export class HostileClient {
  private readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, concurrency: number) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  }

  close(): void {
    this.agent.destroy();
  }

  send(request: FuzzRequest): Promise<FuzzResponse> {
    return request.raw ? this.sendRaw(request.raw) : this.sendHttp(request);
  }

  /**
   * Sends requests with `concurrency` in flight, generating each only when a slot frees up and
   * handing each result to `onResult` (so that megabyte bodies are not all kept). Returns the count.
   */
  async run(requests: Iterable<FuzzRequest>, concurrency: number, onResult: (result: FuzzResult) => void): Promise<number> {
    const iterator = requests[Symbol.iterator]();
    let sent = 0;
    const worker = async () => {
      for (let next = iterator.next(); !next.done; next = iterator.next()) {
        const request = next.value;
        onResult({ request, response: await this.send(request) });
        sent++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return sent;
  }

  private sendHttp(request: FuzzRequest): Promise<FuzzResponse> {
    return new Promise((resolve) => {
      let settled = false;
      const done = (response: FuzzResponse) => {
        if (!settled) {
          settled = true;
          resolve(response);
        }
      };
      const headers: http.OutgoingHttpHeaders = { ...request.headers };
      if (request.body !== undefined) headers['content-length'] = Buffer.byteLength(request.body);
      let req: http.ClientRequest;
      try {
        req = http.request({ host: this.host, port: this.port, method: request.method, path: request.path, headers, agent: this.agent, timeout: TIMEOUT_MS });
      } catch (error) {
        done({ status: 0, contentType: '', text: '', error: `client refused to send: ${(error as Error).message}` });
        return;
      }
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => done({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8'), error: e.message }));
      });
      req.on('timeout', () => {
        req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`));
      });
      req.on('error', (e) => done({ status: 0, contentType: '', text: '', error: e.message }));
      if (request.body !== undefined) req.end(request.body);
      else req.end();
    });
  }

  /** Writes bytes to a fresh socket and reads the first HTTP response. */
  private sendRaw(bytes: Buffer): Promise<FuzzResponse> {
    return new Promise((resolve) => {
      const socket = net.connect({ host: this.host, port: this.port });
      const chunks: Buffer[] = [];
      let settled = false;
      const finish = (error?: string) => {
        if (settled) return;
        settled = true;
        socket.destroy();
        const all = Buffer.concat(chunks).toString('latin1');
        const head = all.split('\r\n\r\n')[0] ?? '';
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
        const contentType = /\r\ncontent-type:\s*([^\r\n]*)/i.exec(head)?.[1] ?? '';
        const body = Buffer.from(all.slice(head.length + 4), 'latin1').toString('utf8');
        resolve({ status, contentType, text: body, error: status === 0 ? (error ?? 'connection closed without an HTTP answer') : undefined });
      };
      socket.setTimeout(5000, () => finish('no answer within 5 s'));
      socket.on('data', (c: Buffer) => {
        chunks.push(c);
        const all = Buffer.concat(chunks).toString('latin1');
        const end = all.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = /\r\ncontent-length:\s*(\d+)/i.exec(all.slice(0, end))?.[1];
        if (length !== undefined && Buffer.byteLength(all.slice(end + 4), 'latin1') >= Number(length)) finish();
        if (length === undefined && /\r\ntransfer-encoding:\s*chunked/i.test(all.slice(0, end)) && all.endsWith('0\r\n\r\n')) finish();
      });
      socket.on('end', () => finish());
      socket.on('close', () => finish());
      socket.on('error', (e) => finish(e.message));
      socket.write(bytes);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Reporting

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

/** One offending request, precisely enough to replay it by hand. Tokens are shown by name. */
export function describeResult({ request, response }: FuzzResult, tokenNames: Map<string, string>, why: string, bodyChars = 400): string {
  const hideTokens = (value: string) => {
    let out = value;
    for (const [token, name] of tokenNames) if (token.length > 20) out = out.split(token).join(`<${name} token>`);
    return out;
  };
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => cut(hideTokens(x), 200)) : cut(hideTokens(v), 200)]));
  const body = request.raw
    ? `raw bytes: ${JSON.stringify(cut(hideTokens(request.raw.toString('latin1')), bodyChars))}`
    : request.body === undefined
      ? 'body: (none)'
      : `body (${Buffer.byteLength(request.body)} bytes): ${JSON.stringify(cut(hideTokens(typeof request.body === 'string' ? request.body : request.body.toString('utf8')), bodyChars))}`;
  const answer = response.error ? `no HTTP answer: ${response.error}` : `${response.status} ${response.contentType} ${JSON.stringify(cut(response.text, 500))}`;
  return [
    `#${request.n} [${request.category}] ${why}: ${request.note.slice(0, 200)}`,
    `  ${request.method} ${cut(request.path, 300)}`,
    `  headers: ${JSON.stringify(headers)}`,
    `  ${body}`,
    `  → ${answer}`,
  ].join('\n');
}

/** Every offender with up to 5 000 characters of its body, for a report file. */
export function reportAll(offenders: FuzzResult[], tokenNames: Map<string, string>, why: string): string {
  return offenders.map((r) => describeResult(r, tokenNames, why, 5000)).join('\n\n');
}

/** The first few offenders, one per distinct kind first, then counts per category and status. */
export function report(offenders: FuzzResult[], tokenNames: Map<string, string>, why: string, max = 8): string {
  if (offenders.length === 0) return '';
  const kinds = new Map<string, FuzzResult>();
  for (const r of offenders) {
    const key = `${r.request.category}|${r.response.status}|${r.request.method}|${r.request.note.split(/[:=]/)[0]}`;
    if (!kinds.has(key)) kinds.set(key, r);
  }
  const shown = [...kinds.values()].slice(0, max);
  const counts = new Map<string, number>();
  for (const r of offenders) counts.set(`${r.request.category} → ${r.response.error ? 'no answer' : r.response.status}`, (counts.get(`${r.request.category} → ${r.response.error ? 'no answer' : r.response.status}`) ?? 0) + 1);
  return [
    `${offenders.length} request(s) ${why}; ${kinds.size} distinct kind(s), first ${shown.length}:`,
    ...shown.map((r) => describeResult(r, tokenNames, why)),
    `counts: ${[...counts].map(([k, v]) => `${k}: ${v}`).join(', ')}`,
  ].join('\n\n');
}

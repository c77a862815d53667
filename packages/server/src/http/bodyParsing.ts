import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { badRequest, outcome, unsupportedMediaType } from '../fhir/outcomes';

const MAX_DEPTH = 64;

/**
 * JSON bodies only (application/json and application/fhir+json), with prototype-poisoning
 * protection and a nesting limit checked without recursion, before any handler sees them.
 */
export function installBodyParsing(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'application/fhir+json'], { parseAs: 'string' }, (request, body, done) => {
    parse(request, body as string, (error, value) => {
      if (error) return done(error, undefined);
      if (tooDeep(value)) return done(badRequest(`The JSON is nested more than ${MAX_DEPTH} levels deep`), undefined);
      done(null, value);
    });
  });
  app.addContentTypeParser('*', (_request, _payload, done) => done(unsupportedMediaType('Send JSON with Content-Type application/fhir+json or application/json'), undefined));
  // A NUL byte has no place in a URL of this API (and PostgreSQL text cannot hold one).
  app.addHook('onRequest', async (request) => {
    if (/%00|\u0000/i.test(request.url)) throw badRequest('The URL contains a NUL character');
  });
}

function tooDeep(root: unknown): boolean {
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_DEPTH) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Router and HTTP-parser errors answer with an OperationOutcome too. */
export const frameworkErrorOptions: Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> = {
  frameworkErrors: (error, _request, reply) => {
    const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
    const answer = reply as unknown as { code(status: number): { type(t: string): { send(body: unknown): void } } };
    answer
      .code(tooLong ? 414 : 400)
      .type('application/fhir+json')
      .send(outcome(tooLong ? 'too-long' : 'invalid', tooLong ? 'A part of the URL is too long' : 'The URL is not valid'));
  },
  clientErrorHandler: (error, socket) => {
    const status = (error as { code?: string }).code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = JSON.stringify(outcome('invalid', status === 431 ? 'The request headers are too large' : 'The HTTP request is malformed'));
    if (socket.writable) {
      socket.end(`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/fhir+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    } else {
      socket.destroy(error);
    }
  },
};

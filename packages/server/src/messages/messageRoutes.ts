import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Communication, Patient, Resource } from '@medplum/fhirtypes';
import { MAX_ATTACHMENT_BYTES } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService } from '../fhir/fhirService';
import type { TokenService } from '../auth/tokens';
import { hasRole } from '../auth/userContext';
import { badRequest, forbidden, notFound } from '../fhir/outcomes';
import { authenticate, requestContext } from '../http/requestContext';
import type { MessageSettingsStore } from './messageSettings';
import type { MessageNotifier } from './messageNotifier';
import { MessageAttachments } from './messageAttachments';
import { MarkRead } from './markRead';
import { messageRecipients } from './messageRecipients';

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const BASE = '/fhir/R4';
const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

interface Deps {
  db: Database;
  fhir: FhirService;
  tokens: TokenService;
  settings: MessageSettingsStore;
  notifier: MessageNotifier;
}

/**
 * Secure messages over HTTP: sending (`POST Communication`, then the "a message waits" e-mail),
 * attachments (`Binary`), read status (`$read`), whom a client may write to, and the reply
 * deadline setting. Everything else about messages is plain FHIR (search, read, history).
 */
export function registerMessageRoutes(app: FastifyInstance, { db, fhir, tokens, settings, notifier }: Deps): void {
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, tokens);
  const attachments = new MessageAttachments(db, fhir);
  const markRead = new MarkRead(db, fhir);

  // The same as any FHIR create, and once committed the client side is told a message waits.
  app.post(`${BASE}/Communication`, async (request, reply) => {
    const { resource, headers } = await fhir.create(await ctx(request), 'Communication', request.body);
    for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
    void reply.header('Location', `${BASE}/Communication/${resource.id}/_history/${resource.meta.versionId}`);
    notifier.messageSent(resource as Communication);
    return send(reply, 201, resource);
  });

  app.post<{ Params: { id: string } }>(`${BASE}/Communication/:id/$read`, async (request, reply) => send(reply, 200, await markRead.run(await ctx(request), checkId(request.params.id))));

  // The raw file as the body; its own parser (any type, up to the limit) in its own scope, so
  // every other route still takes JSON only. The type is decided from the content.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES }, (_request, body, done) => done(null, body));
    scope.post(`${BASE}/Binary`, { bodyLimit: MAX_ATTACHMENT_BYTES }, async (request, reply) => {
      const context = await ctx(request);
      const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const binary = await attachments.upload(context, request.headers['content-type'], content);
      void reply.header('Location', `${BASE}/Binary/${binary.id}`);
      return send(reply, 201, binary);
    });
  });

  // The file itself (for downloading, never shown as a page), or the FHIR Binary when asked for JSON.
  app.get<{ Params: { id: string } }>(`${BASE}/Binary/:id`, async (request, reply) => {
    const { binary, content } = await attachments.read(await ctx(request), checkId(request.params.id));
    const accept = request.headers.accept ?? '';
    void reply.header('Cache-Control', 'private, no-store');
    if (/application\/(fhir\+)?json/.test(accept) && !accept.includes(binary.contentType ?? '')) {
      return send(reply, 200, { ...binary, data: Buffer.from(content).toString('base64') });
    }
    return reply
      .code(200)
      .header('Content-Disposition', `attachment; filename="liite-${binary.id.slice(0, 8)}.${EXTENSION[binary.contentType ?? ''] ?? 'bin'}"`)
      .header('Content-Security-Policy', "sandbox; default-src 'none'")
      .header('X-Content-Type-Options', 'nosniff')
      .type(binary.contentType ?? 'application/octet-stream')
      .send(Buffer.from(content));
  });

  // Whom the client (or someone acting for them) may write to.
  app.get<{ Querystring: Record<string, unknown> }>('/api/messages/recipients', async (request) => {
    const context = await ctx(request);
    if (!hasRole(context.user, 'resident')) throw forbidden('Only residents choose whom to write to; professionals answer their clients');
    const query = request.query ?? {};
    const unknown = Object.keys(query).find((k) => k !== 'subject');
    if (unknown) throw badRequest(`Unknown parameter ${unknown.slice(0, 40)}: /api/messages/recipients takes subject`);
    const subject = typeof query.subject === 'string' ? query.subject : context.user.fhirUser;
    if (!/^Patient\/[A-Za-z0-9\-.]{1,64}$/.test(subject)) throw badRequest('subject must be Patient/<id>', ['subject']);
    if (!(await fhir.access.residentActsFor(context.user, subject))) throw notFound(`${subject} was not found`);
    const patient = await fhir.store.readOptional<Patient>('Patient', subject.slice('Patient/'.length));
    if (!patient) throw notFound(`${subject} was not found`);
    return { recipients: await messageRecipients(fhir.store, patient) };
  });
}

function send(reply: FastifyReply, status: number, body: Resource): FastifyReply {
  if (body.meta?.versionId) void reply.header('ETag', `W/"${body.meta.versionId}"`);
  return reply.code(status).type(FHIR_JSON).send(body);
}

function checkId(id: string): string {
  if (!FHIR_ID.test(id)) throw badRequest(`'${id.slice(0, 80)}' is not a valid FHIR id`);
  return id;
}

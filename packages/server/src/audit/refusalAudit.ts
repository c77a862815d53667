import type { FastifyRequest } from 'fastify';
import type { TokenService } from '../auth/tokens';
import type { ResourceStore } from '../storage/resourceStore';
import type { AuditLog } from './auditLog';
import type { Interaction } from '../access/accessPolicy';
import type { FhirError } from '../fhir/outcomes';
import { patientsOf } from '../access/patientLinks';
import { isPersonalType } from '../fhir/resourceTypes';

const FHIR_PATH = /^\/fhir\/R4\/([A-Za-z]+)(?:\/([A-Za-z0-9\-.]{1,64}))?(?:\/(\$[a-z-]+|_history(?:\/\d+)?))?\/?$/;

function interactionOf(method: string, path: string): Interaction {
  if (path.includes('/$')) return 'operation';
  if (method === 'POST') return 'create';
  if (method === 'PUT') return 'update';
  if (path.includes('/_history')) return 'history';
  return FHIR_PATH.exec(path)?.[2] ? 'read' : 'search';
}

/**
 * Every refusal leaves an audit record: where an operation refused before the access check
 * wrote one (a `$book` for a client one does not work with, a contact recorded for a stranger,
 * a figure asked by a non-manager), the error handler writes it here. The path is recorded
 * without its query values (they may hold identity codes); the client a refused FHIR request
 * concerned is named, so the client's own access log shows the attempt.
 */
export class RefusalAudit {
  constructor(
    private readonly tokens: TokenService,
    private readonly audit: AuditLog,
    private readonly store: ResourceStore,
  ) {}

  async record(request: FastifyRequest, error: FhirError): Promise<void> {
    if (error.audited) return;
    const header = request.headers.authorization;
    const token = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    if (!token) return; // nobody to name: login refusals are recorded by the login itself
    let user;
    try {
      user = await this.tokens.verify(token);
    } catch {
      return;
    }
    const path = request.url.split('?')[0] ?? request.url;
    const match = FHIR_PATH.exec(path);
    // An unknown address is not a refusal of access; a hidden or missing client record is.
    if (error.status === 404 && !(match?.[1] && isPersonalType(match[1]))) return;
    const patients = match?.[1] && match[2] ? await this.clientsOf(match[1], match[2]) : [];
    await this.audit.record({
      user,
      interaction: interactionOf(request.method, path),
      what: [`${request.method} ${path}`],
      patients,
      success: false,
      description: error.message.slice(0, 500),
      ...(request.ip ? { address: request.ip } : {}),
    });
  }

  private async clientsOf(type: string, id: string): Promise<string[]> {
    if (!isPersonalType(type)) return [];
    if (type === 'Patient') return [`Patient/${id}`];
    const resource = await this.store.readOptional(type, id).catch(() => undefined);
    return resource ? patientsOf(resource) : [];
  }
}

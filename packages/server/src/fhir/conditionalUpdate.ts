import type { FhirService, RequestContext } from './fhirService';
import { conditionQuery } from './fhirService';
import type { Stored } from '../storage/resourceStore';
import { badRequest, preconditionFailed } from './outcomes';
import { validateIncoming } from './validation';

export interface WriteConditions {
  /** `If-Match`: the version the client last saw (a versioned update). */
  expectedVersion?: string;
  /** `If-None-Match: *`: create only, never replace what is there. */
  createOnly?: boolean;
}

/**
 * Conditional update (R4 http.html#cond-update): the search is run with the writer's own
 * access, exactly as a search they make (scoping, audit), as conditional create does
 * (decision 023). No match creates (through conditional create, so parallel retries make one
 * resource); one match is updated; several are a 412. Ovi assigns ids, so a body with an id
 * that matches nothing is refused rather than created under that id.
 */
export async function conditionalUpdate(fhir: FhirService, ctx: RequestContext, type: string, condition: string, body: unknown, conditions: WriteConditions = {}): Promise<{ resource: Stored; created: boolean }> {
  const incoming = validateIncoming(body, type);
  const query = conditionQuery(type, condition, 'The conditional update search');
  const bundle = await fhir.search(ctx, type, query);
  const matches = (bundle.entry ?? []).filter((e) => e.search?.mode !== 'include').map((e) => e.resource as Stored);
  const total = bundle.total ?? matches.length;
  if (total > 1) throw preconditionFailed(`The conditional update matched ${total} ${type} resources; it must match at most one`);
  const [match] = matches;
  if (match) return { resource: await updateMatch(fhir, ctx, match, incoming, conditions), created: false };
  if (conditions.expectedVersion !== undefined) throw preconditionFailed(`If-Match names version ${conditions.expectedVersion}, but no ${type} matches the search`);
  if (incoming.id) throw badRequest(`No ${type} matches the search, and Ovi assigns the ids of new resources: leave out the id to create one`, [`${type}.id`]);
  const made = await fhir.createIfNoneExist(ctx, type, incoming, query.toString());
  // Another request created the match meanwhile: this one updates it, as if it had come second.
  if (!made.created) return { resource: await updateMatch(fhir, ctx, made.resource, incoming, conditions), created: false };
  return { resource: made.resource, created: true };
}

async function updateMatch(fhir: FhirService, ctx: RequestContext, match: Stored, incoming: { id?: string }, conditions: WriteConditions): Promise<Stored> {
  if (conditions.createOnly) throw preconditionFailed(`If-None-Match: * asks to create only, and ${match.resourceType}/${match.id} matches the search`);
  if (incoming.id && incoming.id !== match.id) throw badRequest(`The body's id '${incoming.id}' is not the id of the resource the search matched`, [`${match.resourceType}.id`]);
  return fhir.update(ctx, match.resourceType, match.id, { ...incoming, id: match.id }, conditions.expectedVersion);
}

/**
 * `If-None-Match: *` on `PUT /{type}/{id}`: create-only. Ovi does not create at a client's id
 * (no update-as-create), so the write is refused either way: 412 when the reader may see
 * that the resource is there (the read is access-checked and audited), else the read's refusal.
 */
export async function refuseCreateOnlyPut(fhir: FhirService, ctx: RequestContext, type: string, id: string): Promise<never> {
  await fhir.read(ctx, type, id);
  throw preconditionFailed(`If-None-Match: * asks to create only, and ${type}/${id} exists`);
}

/** Whether an `If-None-Match` header (`*`, or ETags such as `W/"3"`) matches the current version. */
export function matchesNoneMatch(header: string, versionId: string | undefined): boolean {
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || (versionId !== undefined && (t === `W/"${versionId}"` || t === `"${versionId}"`));
  });
}

/** `If-Match` as a version number (`W/"3"` or `"3"`); a 400 for anything else. */
export function parseIfMatch(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  if (!match) throw badRequest('If-Match must be a version ETag such as W/"3"', ['If-Match']);
  return match[1];
}

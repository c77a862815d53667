import { badRequest } from './outcomes';

const LOCAL_REFERENCE = /^([A-Z][A-Za-z]{1,63})\/([A-Za-z0-9\-.]{1,64})$/;

/** `Type/id` of a local reference, checked strictly (no paths, no absolute URLs); 400 otherwise. */
export function localReference(reference: string | undefined, allowed: readonly string[], where: string): { type: string; id: string; reference: string } {
  const match = LOCAL_REFERENCE.exec(reference ?? '');
  if (!match || !allowed.includes(match[1] ?? '')) {
    throw badRequest(`${where} must reference ${allowed.join(', ')} as Type/id`, [where]);
  }
  return { type: match[1] ?? '', id: match[2] ?? '', reference: `${match[1]}/${match[2]}` };
}

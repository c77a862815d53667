import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SqlExecutor } from '../db/database';
import { addressKey } from '../auth/clientAddress';
import { FhirError, badRequest, tooManyRequests } from '../fhir/outcomes';
import { claimPublicFormSending, purgePublicFormSendings } from '../storage/publicFormLimits';

/** A form older than this is opened again (a token cannot be kept and replayed for days). */
const TOKEN_MAX_AGE_MS = 4 * 3600_000;
const PURGE_EVERY_MS = 10 * 60_000;

export interface GuardLimits {
  /** Sendings per client address per hour. */
  perHour: number;
  /** Seconds a person takes at least to fill the form in. */
  minFillSeconds: number;
}

/**
 * Keeps bots off the forms residents send without logging in: a form token signed with the
 * time the form was opened (a sending sooner than a person could type is refused), a honeypot
 * field a person never sees, and at most a set number of sendings per client address per hour,
 * counted in the database so several server processes count together. Real time, not the care
 * clock: the time to fill is how long a person actually took.
 */
export class PublicFormGuard {
  private lastPurge = 0;

  constructor(
    private readonly db: SqlExecutor,
    private readonly key: Buffer,
  ) {}

  /** A token for a form opened now. */
  issue(form: string): { token: string; issuedAt: string } {
    const issued = Date.now();
    const payload = `${form}.${issued}.${randomBytes(8).toString('hex')}`;
    return { token: `${payload}.${this.sign(payload)}`, issuedAt: new Date(issued).toISOString() };
  }

  /** The honeypot and the token; a refusal says plainly what to do. Nothing is counted. */
  checkForm(form: string, token: string, honeypot: string, limits: GuardLimits): void {
    if (honeypot.trim() !== '') throw badRequest('The form was refused: the field "website" must be left empty', ['website']);
    const parts = token.split('.');
    const [name, issuedText, nonce, signature] = parts;
    const payload = `${name}.${issuedText}.${nonce}`;
    if (parts.length !== 4 || name !== form || !signature || !this.validSignature(payload, signature)) {
      throw badRequest('The form token is not valid: open the form again (GET the form token first)', ['formToken']);
    }
    const age = Date.now() - Number(issuedText);
    if (!Number.isFinite(age) || age < -60_000 || age > TOKEN_MAX_AGE_MS) throw badRequest('The form has expired: open it again and send it within four hours', ['formToken']);
    if (age < limits.minFillSeconds * 1000) throw badRequest(`The form was sent too quickly to have been filled in by a person: wait a few seconds and send it again`, ['formToken']);
  }

  /** Counts the sending against the client address; 429 with Retry-After when the hour's sendings are used. */
  async claim(form: string, address: string | undefined, limits: GuardLimits): Promise<void> {
    if (Date.now() - this.lastPurge > PURGE_EVERY_MS) {
      this.lastPurge = Date.now();
      await purgePublicFormSendings(this.db);
    }
    const wait = await claimPublicFormSending(this.db, form, addressKey(address ?? 'unknown'), limits.perHour);
    if (wait !== undefined) {
      throw Object.assign(tooManyRequests(`Too many sendings from this address; try again in ${Math.ceil(wait / 60)} minutes, or call us`), { retryAfter: wait }) as FhirError;
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }

  private validSignature(payload: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

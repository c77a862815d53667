import type { Location, Organization, QuestionnaireResponse } from '@medplum/fhirtypes';
import { DONT_KNOW, feedbackFigures, feedbackFiguresOfTally, feedbackMonth, parseFeedbackMonth, type AnswerFigures, type FeedbackFigures, type LocalizedText } from '@ovi/domain';
import type { Database } from '../db/database';
import type { ResourceStore } from '../storage/resourceStore';
import type { AuditLog } from '../audit/auditLog';
import type { UserContext } from '../auth/userContext';
import type { Mailer } from '../notifications/mailer';
import { hasRole, isStaff } from '../auth/userContext';
import { badRequest, conflict, forbidden, notFound } from '../fhir/outcomes';
import { now as clockNow } from '../time/clock';
import { feedbackAnswers, feedbackHandling, feedbackTally, markHandled, recordReply, withdrawReply, type FeedbackFilter, type FeedbackHandlingRow } from '../storage/feedbackStore';
import { FEEDBACK_CONTEXT_URL, FEEDBACK_QUESTIONNAIRE, STATEMENT_PREFIX } from './feedbackAnswers';
import type { FeedbackSettings } from './feedbackSettings';

const MAX_REPLY = 4000;
const DEFAULT_MONTHS = 12;

/** A free text as the unit's feedback person sees it: the month and service, never a day or the resident. */
export interface FreeText {
  id: string;
  month: string;
  kind?: string;
  service?: string;
  text: string;
  handled: { at: string; by: string } | null;
  /** The address the resident left for a reply (their choice), else absent. */
  replyTo?: { email: string; name?: string };
  reply: { at: string; by: string; text: string } | null;
}

export interface FeedbackResults extends Omit<FeedbackFigures, 'statements'> {
  statements: Array<FeedbackFigures['statements'][number] & { text: LocalizedText }>;
  scale: Array<{ code: string; text: LocalizedText }>;
  period: { from: string; to: string };
  unit: string | null;
  service: string | null;
  /** Only for the unit's feedback person; managers get figures without them. */
  freeTexts?: FreeText[];
}

/**
 * What feedback shows, and to whom (decision 015):
 * - the unit's named feedback person: their unit's figures and its free texts, which they
 *   mark handled and reply to when the resident left an address;
 * - managers: figures of any unit or the whole region, never free texts (a free text may
 *   describe a person or an event);
 * - nobody else. Every reading is audited; refusals are audited by the error handler.
 * Figures follow the small-number rules (`@ovi/domain` feedbackResults).
 */
export class FeedbackResultsService {
  constructor(
    private readonly db: Database,
    private readonly store: ResourceStore,
    private readonly audit: AuditLog,
    private readonly settings: FeedbackSettings,
    private readonly mailer: Mailer,
  ) {}

  /** The units the user may see: theirs as a feedback person, and whether they see the region as a manager. */
  async scope(user: UserContext): Promise<{ units: Array<{ unit: string; name?: string }>; manager: boolean }> {
    const units = isStaff(user) ? await this.settings.unitsOf(user.fhirUser) : [];
    const named = await Promise.all(units.map(async (unit) => ({ unit, ...(await this.unitName(unit)) })));
    return { units: named, manager: hasRole(user, 'manager') };
  }

  async results(user: UserContext, query: Record<string, unknown>, address?: string): Promise<FeedbackResults> {
    const filter = parseFilter(query);
    const own = isStaff(user) ? await this.settings.unitsOf(user.fhirUser) : [];
    const unit = filter.unit ?? (own.length === 1 && !hasRole(user, 'manager') ? own[0] : undefined);
    const responsible = unit !== undefined && own.includes(unit);
    if (!responsible && !hasRole(user, 'manager')) {
      throw forbidden(
        own.length > 0
          ? `You are the feedback person of ${own.join(', ')}, not of ${unit ?? 'every unit'}`
          : 'Feedback results are for the unit\'s named feedback person and for managers',
      );
    }
    const selection: FeedbackFilter = { ...filter, ...(unit ? { unit } : {}) };
    const survey = await this.settings.survey();
    // The unit's feedback person reads the answers themselves (the free texts); a manager gets
    // figures only, counted in the database (decision 039).
    const rows = responsible ? await feedbackAnswers(this.db, FEEDBACK_QUESTIONNAIRE, selection) : [];
    const figures = responsible
      ? feedbackFigures(survey, rows.map((row) => answerFigures(row.response)))
      : feedbackFiguresOfTally(survey, await feedbackTally(this.db, FEEDBACK_QUESTIONNAIRE, selection));
    await this.audit.record({
      user,
      interaction: 'search',
      what: [`feedback results unit=${unit ?? 'all'} service=${selection.service ?? 'all'} ${selection.from}..${selection.to}`],
      patients: [],
      success: true,
      description: responsible ? 'feedback results with free texts (feedback person)' : 'feedback figures (manager)',
      ...(address ? { address } : {}),
    });
    const texts = new Map(survey.statements.map((st) => [st.id, st.text]));
    return {
      ...figures,
      // The wording beside each statement's figures, and the scale's, for the page.
      statements: figures.statements.map((st) => ({ ...st, text: texts.get(st.id) ?? { fi: st.id, sv: st.id, en: st.id } })),
      scale: [...survey.scale, ...(survey.dontKnow.offered ? [{ code: DONT_KNOW, text: survey.dontKnow.text }] : [])],
      period: { from: selection.from as string, to: selection.to as string },
      unit: unit ?? null,
      service: selection.service ?? null,
      ...(responsible ? { freeTexts: rows.flatMap((row) => freeTextOf(row.response, row.handling)) } : {}),
    };
  }

  async markHandled(user: UserContext, id: string, address?: string): Promise<FreeText> {
    const response = await this.ownResponse(user, id);
    await markHandled(this.db, id, user.name, clockNow());
    await this.record(user, id, 'feedback free text marked handled', address);
    return this.freeText(response);
  }

  /** Sends the one reply to the address the resident left; 409 when none was left or a reply was sent. */
  async reply(user: UserContext, id: string, body: unknown, address?: string): Promise<FreeText> {
    const text = typeof body === 'object' && body !== null && typeof (body as { text?: unknown }).text === 'string' ? (body as { text: string }).text.trim() : '';
    if (!text) throw badRequest('text (the reply) is required', ['text']);
    if (text.length > MAX_REPLY) throw badRequest(`text is longer than ${MAX_REPLY} characters`, ['text']);
    const response = await this.ownResponse(user, id);
    const to = replyContact(response);
    if (!to) throw conflict('The resident did not leave contact details: this feedback cannot be replied to');
    if (!(await recordReply(this.db, id, user.name, text, clockNow()))) throw conflict('This feedback has already been replied to');
    try {
      await this.mailer.send({ to: to.email, subject: 'Vastaus palautteeseesi / Svar på din respons / Reply to your feedback', text });
    } catch (error) {
      await withdrawReply(this.db, id);
      throw error;
    }
    await this.record(user, id, 'feedback reply sent to the address the resident left', address);
    return this.freeText(response);
  }

  /** A feedback answer of a unit the user is the feedback person of; others' answer as not found (refusal audited). */
  private async ownResponse(user: UserContext, id: string): Promise<QuestionnaireResponse & { id: string }> {
    if (!isStaff(user)) throw forbidden('Only a unit\'s feedback person handles feedback');
    const response = /^[0-9a-f-]{36}$/.test(id) ? await this.store.readOptional<QuestionnaireResponse>('QuestionnaireResponse', id) : undefined;
    if (!response || !isFeedback(response)) throw notFound('Feedback not found');
    const unit = contextPart(response, 'unit')?.valueReference?.reference;
    if (!unit || !(await this.settings.unitsOf(user.fhirUser)).includes(unit)) throw forbidden(`You are not the feedback person of the unit this feedback concerns`);
    return response as QuestionnaireResponse & { id: string };
  }

  private async freeText(response: QuestionnaireResponse & { id: string }): Promise<FreeText> {
    const [text] = freeTextOf(response, (await feedbackHandling(this.db, response.id)) ?? null);
    if (!text) throw notFound('This feedback has no free text');
    return text;
  }

  private async record(user: UserContext, id: string, description: string, address?: string): Promise<void> {
    await this.audit.record({ user, interaction: 'update', what: [`QuestionnaireResponse/${id}`], patients: [], success: true, description, ...(address ? { address } : {}) });
  }

  private async unitName(unit: string): Promise<{ name?: string }> {
    const [type, id] = unit.split('/') as [string, string];
    if (type !== 'Location' && type !== 'Organization') return {};
    const found = await this.store.readOptional<Location | Organization>(type, id);
    return found?.name ? { name: found.name } : {};
  }
}

const isFeedback = (response: QuestionnaireResponse) => response.questionnaire?.split('|')[0] === FEEDBACK_QUESTIONNAIRE;
const contextPart = (response: QuestionnaireResponse, url: string) => response.extension?.find((e) => e.url === FEEDBACK_CONTEXT_URL)?.extension?.find((e) => e.url === url);
const itemAnswer = (response: QuestionnaireResponse, linkId: string) => response.item?.find((i) => i.linkId === linkId)?.answer?.[0];

/** An answer as the figures read it (exported for the tests that compare it with the database's tally). */
export function answerFigures(response: QuestionnaireResponse): AnswerFigures {
  const statements: Record<string, string> = {};
  for (const item of response.item ?? []) {
    const code = item.answer?.[0]?.valueCoding?.code;
    if (item.linkId.startsWith(STATEMENT_PREFIX) && code) statements[item.linkId.slice(STATEMENT_PREFIX.length)] = code;
  }
  return { recommend: itemAnswer(response, 'recommend')?.valueInteger ?? 0, statements };
}

function replyContact(response: QuestionnaireResponse): { email: string; name?: string } | undefined {
  const contact = response.item?.find((i) => i.linkId === 'reply-contact');
  const email = contact?.item?.find((i) => i.linkId === 'reply-email')?.answer?.[0]?.valueString;
  const name = contact?.item?.find((i) => i.linkId === 'reply-name')?.answer?.[0]?.valueString;
  return email ? { email, ...(name ? { name } : {}) } : undefined;
}

function freeTextOf(response: QuestionnaireResponse & { id: string }, handling: FeedbackHandlingRow | null): FreeText[] {
  const text = itemAnswer(response, 'free-text')?.valueString;
  if (!text) return [];
  const replyTo = replyContact(response);
  const kind = contextPart(response, 'kind')?.valueCode;
  const service = contextPart(response, 'service')?.valueCoding?.code;
  return [
    {
      id: response.id,
      month: contextPart(response, 'month')?.valueDate ?? response.authored ?? '',
      ...(kind ? { kind } : {}),
      ...(service ? { service } : {}),
      text,
      handled: handling?.handledAt ? { at: new Date(handling.handledAt).toISOString(), by: handling.handledBy ?? '' } : null,
      ...(replyTo ? { replyTo } : {}),
      reply: handling?.repliedAt ? { at: new Date(handling.repliedAt).toISOString(), by: handling.repliedBy ?? '', text: handling.replyText ?? '' } : null,
    },
  ];
}

const UNIT = /^(Location|Organization)\/[A-Za-z0-9\-.]{1,64}$/;
const SERVICE = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** `unit`, `service`, `from`, `to` (whole months; a date stands for its month); the last 12 months by default. */
function parseFilter(query: Record<string, unknown>): FeedbackFilter & { from: string; to: string } {
  for (const key of Object.keys(query)) if (!['unit', 'service', 'from', 'to'].includes(key)) throw badRequest(`Unknown parameter ${key.slice(0, 40)}: use unit, service, from, to`);
  const text = (key: string) => {
    const value = query[key];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw badRequest(`${key} may be given once`);
    return value;
  };
  const unit = text('unit');
  if (unit !== undefined && !UNIT.test(unit)) throw badRequest('unit must be Location/… or Organization/…', ['unit']);
  const service = text('service');
  if (service !== undefined && !SERVICE.test(service)) throw badRequest('service must be a service or visit-type code', ['service']);
  const month = (key: string) => {
    const value = text(key);
    if (value === undefined) return undefined;
    const parsed = parseFeedbackMonth(value);
    if (!parsed) throw badRequest(`${key} must be a month YYYY-MM (or a date YYYY-MM-DD, which stands for its month)`, [key]);
    return parsed;
  };
  const to = month('to') ?? feedbackMonth(clockNow());
  const from = month('from') ?? monthsBefore(to, DEFAULT_MONTHS - 1);
  if (from > to) throw badRequest('from must not be after to', ['from']);
  return { ...(unit ? { unit } : {}), ...(service ? { service } : {}), from, to };
}

function monthsBefore(month: string, count: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The danger-sign screen's advice (`GET /api/guidance/danger-signs`, no login needed): what to
 * tell the resident the moment they tick a sign, before anything is sent.
 */
import type { LocalizedText } from '@ovi/domain/src/types';
import { api } from './client';
import type { Texts } from './fhir';
import type { QuestionnaireView } from './questionnaire.resource';
import { orderNotes, type ResidentNote } from './residentNotes';

export interface DangerSignAdvice {
  code: string;
  label: Texts;
  urgency: string;
  notes: ResidentNote[];
}

/** A place to turn to (crisis line, on-call helpline …), from the region's configuration. */
export interface HelpContact {
  id: string;
  kind: string;
  name: Texts;
  phone: string;
  hours: Texts;
  languages: string[];
}

export interface DangerSignGuide {
  questionLinkId: string;
  noneCode: string;
  signs: DangerSignAdvice[];
  contacts: HelpContact[];
}

/** The screen's question and "none" answer when the guide cannot be read. */
export const DANGER_SIGNS_LINK_ID = 'danger-signs';
export const NO_DANGER_SIGN = 'none';

type Raw = Partial<{
  questionLinkId: string;
  noneCode: string;
  signs: Array<Partial<{ code: string; label: Partial<LocalizedText>; urgency: string; notes: Array<Partial<{ kind: string; text: Partial<LocalizedText> }>> }>>;
  contacts: Array<Partial<{ id: string; kind: string; name: Partial<LocalizedText>; phone: string; hours: Partial<LocalizedText>; languages: string[] }>>;
}>;

const texts = (t: Partial<LocalizedText> | undefined): Texts => ({ ...t, fi: t?.fi ?? t?.en ?? t?.sv ?? '' });

export function toHelpContact(c: NonNullable<Raw['contacts']>[number]): HelpContact {
  return { id: c.id ?? '', kind: c.kind ?? '', name: texts(c.name), phone: c.phone ?? '', hours: texts(c.hours), languages: c.languages ?? [] };
}

export async function fetchDangerSignGuide(): Promise<DangerSignGuide> {
  const raw = await api.get<Raw>('/api/guidance/danger-signs');
  return {
    questionLinkId: raw.questionLinkId ?? DANGER_SIGNS_LINK_ID,
    noneCode: raw.noneCode ?? NO_DANGER_SIGN,
    signs: (raw.signs ?? []).map((s) => ({
      code: s.code ?? '',
      label: texts(s.label),
      urgency: s.urgency ?? 'emergent',
      notes: (s.notes ?? []).flatMap((n) => (n.kind && n.text ? [{ kind: n.kind, text: texts(n.text) }] : [])),
    })),
    contacts: (raw.contacts ?? []).map(toHelpContact),
  };
}

/** The advice for the ticked signs together, most serious first, each kind told once. */
export function adviceFor(guide: DangerSignGuide | undefined, codes: string[]): ResidentNote[] {
  return orderNotes((guide?.signs ?? []).filter((s) => codes.includes(s.code)).flatMap((s) => s.notes));
}

/**
 * The questionnaire with the screen's "none" marked exclusive, so that no form can send
 * "none" beside a sign (the server would refuse it) even when the questionnaire does not say so.
 */
export function withExclusiveNone(questionnaire: QuestionnaireView, linkId = DANGER_SIGNS_LINK_ID, noneCode = NO_DANGER_SIGN): QuestionnaireView {
  return {
    ...questionnaire,
    items: questionnaire.items.map((q) =>
      q.linkId === linkId ? { ...q, options: q.options.map((o) => (o.code === noneCode ? { ...o, exclusive: true } : o)) } : q,
    ),
  };
}

/**
 * The earliest suitable free times across units. Ranking within the window [start, end]:
 * the earliest slot of the resident's own professional first, then the earliest slot of the
 * own team, then every other slot by time. Both preferences hold only inside the window, so
 * they never cost the deadline. When nothing fits the window, the earliest slots after `end`
 * are offered by time alone (the deadline is missed anyway; the shortest delay wins).
 * Equal times are ordered by slotId, so the result does not depend on the input order.
 */
import type { VisitMode } from './scheduleTemplate';
import type { LocalizedText } from './types';

export interface SlotCandidate {
  slotId: string;
  practitioner: string;
  profession: string;
  location?: string;
  municipality?: string;
  languages: string[];
  start: Date;
  end: Date;
  visitType: string;
  modes: VisitMode[];
}

export interface SlotQuery {
  /** A slot fits the window when its start is within [start, end]. */
  start: Date;
  /** Usually the care-guarantee deadline. */
  end: Date;
  profession?: string;
  visitMode?: VisitMode;
  visitType?: string;
  location?: string;
  municipality?: string;
  language?: string;
  ownPractitioners?: string[];
  /** Members of the resident's own team; own professionals among them count as own professionals. */
  ownTeamPractitioners?: string[];
  /** Default 5. */
  limit?: number;
}

/**
 * Reasons: 'own-professional' / 'own-team' (slot of the own professional / team; when the
 * proposal lacks 'earliest' it was moved ahead of earlier slots for that reason), 'earliest'
 * (ranked by time), 'language' / 'location' / 'municipality' (matches the requested one),
 * 'after-deadline' (starts after `end`).
 */
export type SlotProposal = SlotCandidate & { reasons: string[] };

export interface SlotSearchResult {
  proposals: SlotProposal[];
  keepsDeadline: boolean;
  /** Plain words when nothing fits before the deadline. */
  message?: LocalizedText;
}

export const DEFAULT_SLOT_LIMIT = 5;

const AFTER_DEADLINE: LocalizedText = {
  fi: 'Määräaikaan mennessä ei löytynyt sopivaa vapaata aikaa. Tässä ovat varhaisimmat vapaat ajat määräajan jälkeen.',
  sv: 'Det fanns ingen lämplig ledig tid före tidsgränsen. Här är de tidigaste lediga tiderna efter tidsgränsen.',
  en: 'No suitable free time was found before the deadline. These are the earliest free times after it.',
};
const NOTHING: LocalizedText = {
  fi: 'Sopivaa vapaata aikaa ei löytynyt. Kokeile laajentaa hakua, esimerkiksi toiseen toimipisteeseen tai asiointitapaan.',
  sv:
    'Ingen lämplig ledig tid hittades. Försök utvidga sökningen, till exempel till ett annat verksamhetsställe ' +
    'eller sätt att sköta ärendet.',
  en: 'No suitable free time was found. Try widening the search, for example to another location or visit mode.',
};

/** Whether a free time meets the query's profession, visit mode and type, place and language. */
export function matchesSlotQuery(c: SlotCandidate, q: SlotQuery): boolean {
  return (
    (q.profession === undefined || c.profession === q.profession) &&
    (q.visitMode === undefined || c.modes.includes(q.visitMode)) &&
    (q.visitType === undefined || c.visitType === q.visitType) &&
    (q.location === undefined || c.location === q.location) &&
    (q.municipality === undefined || c.municipality === q.municipality) &&
    (q.language === undefined || c.languages.includes(q.language)) &&
    c.start.getTime() >= q.start.getTime()
  );
}

const byTime = (a: SlotCandidate, b: SlotCandidate): number =>
  a.start.getTime() - b.start.getTime() || (a.slotId < b.slotId ? -1 : a.slotId > b.slotId ? 1 : 0);

export function findEarliestSlots(candidates: SlotCandidate[], query: SlotQuery): SlotSearchResult {
  const limit = query.limit ?? DEFAULT_SLOT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const own = new Set(query.ownPractitioners ?? []);
  const team = new Set((query.ownTeamPractitioners ?? []).filter((p) => !own.has(p)));
  const endMs = query.end.getTime();
  const suitable = candidates.filter((c) => matchesSlotQuery(c, query)).sort(byTime);
  const inWindow = suitable.filter((c) => c.start.getTime() <= endMs);

  const propose = (c: SlotCandidate, promoted: boolean, late: boolean): SlotProposal => {
    const reasons: string[] = [];
    if (own.has(c.practitioner)) reasons.push('own-professional');
    if (team.has(c.practitioner)) reasons.push('own-team');
    if (!promoted) reasons.push('earliest');
    if (query.language !== undefined) reasons.push('language');
    if (query.location !== undefined) reasons.push('location');
    if (query.municipality !== undefined) reasons.push('municipality');
    if (late) reasons.push('after-deadline');
    return { ...c, languages: [...c.languages], modes: [...c.modes], reasons };
  };

  if (inWindow.length === 0) {
    const late = suitable.filter((c) => c.start.getTime() > endMs).slice(0, limit);
    const message = late.length > 0 ? AFTER_DEADLINE : NOTHING;
    return { proposals: late.map((c) => propose(c, false, true)), keepsDeadline: false, message };
  }
  const promoted = [inWindow.find((c) => own.has(c.practitioner)), inWindow.find((c) => team.has(c.practitioner))].filter(
    (c) => c !== undefined,
  );
  const rest = inWindow.filter((c) => !promoted.includes(c));
  const proposals = [...promoted.map((c) => propose(c, true, false)), ...rest.map((c) => propose(c, false, false))];
  return { proposals: proposals.slice(0, limit), keepsDeadline: true };
}

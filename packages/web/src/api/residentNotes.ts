/** What a resident is told to do now (call 112, the crisis line, where to turn when we are closed). */
import type { Annotation, Element } from '@medplum/fhirtypes';
import { EXTENSIONS } from '@ovi/domain/src/codes';
import { textsOf, type Texts } from './fhir';

/** 'call-112' | 'crisis-line' | 'social-emergency' | 'on-call-helpline' | 'emergency-department' | 'out-of-hours' | 'rule' */
export type NoteKind = string;

export interface ResidentNote {
  kind: NoteKind;
  text: Texts;
}

/** Most serious first; the server orders notes the same way, this only keeps it so. */
const ORDER: NoteKind[] = ['call-112', 'out-of-hours', 'crisis-line', 'social-emergency', 'on-call-helpline', 'emergency-department', 'rule'];

const rank = (kind: NoteKind): number => {
  const at = ORDER.indexOf(kind);
  return at === -1 ? ORDER.length : at;
};

/** Sorted most serious first; the same kind twice (two signs, one crisis line) is told once. */
export function orderNotes(notes: ResidentNote[]): ResidentNote[] {
  const seen = new Set<string>();
  return notes
    .map((note, index) => ({ note, index }))
    .sort((a, b) => rank(a.note.kind) - rank(b.note.kind) || a.index - b.index)
    .map(({ note }) => note)
    .filter((note) => {
      const key = `${note.kind}|${note.text.fi}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Task.note as resident notes: the kind from its extension, the text with its translations. */
export function notesOfTask(notes: Annotation[] | undefined): ResidentNote[] {
  return orderNotes(
    (notes ?? []).flatMap((n): ResidentNote[] => {
      const kind = n.extension?.find((e) => e.url === EXTENSIONS.residentNoteKind)?.valueCode;
      if (!kind || !n.text) return [];
      return [{ kind, text: textsOf(n.text, (n as Annotation & { _text?: Element })._text) }];
    }),
  );
}

/** The advice a resident was given, most serious first, in the reader's language. */
import { pickText } from '../api/fhir';
import type { ResidentNote } from '../api/residentNotes';
import { useLanguage } from '../i18n/useLanguage';
import { PhoneText } from './PhoneText';

/** Life and safety come first and look it; a closed service is a warning; the rest is information. */
const TONE: Record<string, string> = {
  'call-112': 'danger',
  'crisis-line': 'danger',
  'social-emergency': 'danger',
  'out-of-hours': 'warning',
};

export function ResidentNoteList({ notes, skipKinds = [] }: { notes: ResidentNote[]; skipKinds?: string[] }) {
  const lang = useLanguage();
  const shown = notes.filter((n) => !skipKinds.includes(n.kind));
  if (shown.length === 0) return null;
  return (
    <ul className="resident-notes" data-testid="resident-notes">
      {shown.map((note) => (
        <li key={`${note.kind}-${note.text.fi}`} className={`resident-note note-${TONE[note.kind] ?? 'info'}`} data-testid="resident-note" data-kind={note.kind}>
          <PhoneText text={pickText(note.text, lang)} />
        </li>
      ))}
    </ul>
  );
}

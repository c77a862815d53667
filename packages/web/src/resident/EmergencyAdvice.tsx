/**
 * Shown at once when the answers point to an emergency: call 112, in plain words, then the rest
 * of the advice. `compact` repeats it on the contact in "My messages": the same advice, without
 * taking the focus or interrupting a screen reader.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResidentNote } from '../api/residentNotes';
import { ResidentNoteList } from '../components/ResidentNoteList';

interface Props {
  notes?: ResidentNote[];
  /** On a contact in "My messages" (an h3 under the contact's heading). */
  compact?: boolean;
  /** Makes the heading's id unique when several are shown (compact). */
  id?: string;
}

export function EmergencyAdvice({ notes = [], compact = false, id }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!compact) ref.current?.focus();
  }, [compact]);
  if (compact) {
    const titleId = `${id ?? 'contact'}-emergency-title`;
    return (
      <section className="emergency emergency-compact" aria-labelledby={titleId} data-testid="my-contact-emergency">
        <h3 id={titleId}>{t('portal.emergency.title')}</h3>
        <p>{t('portal.emergency.body')}</p>
        <a className="button button-emergency" href="tel:112">
          {t('emergency.call')}
        </a>
        <ResidentNoteList notes={notes} skipKinds={['call-112']} />
      </section>
    );
  }
  return (
    <section className="emergency" role="alert" aria-labelledby="emergency-title" data-testid="emergency-advice">
      <h2 id="emergency-title" ref={ref} tabIndex={-1}>
        {t('emergency.title')}
      </h2>
      <p className="emergency-body">{t('emergency.body')}</p>
      <a className="button button-emergency" href="tel:112">
        {t('emergency.call')}
      </a>
      <p>{t('emergency.stay')}</p>
      {/* This screen is the 112 advice itself; the other notes (the crisis line …) follow it. */}
      <ResidentNoteList notes={notes} skipKinds={['call-112']} />
      <p className="emergency-received">{t('emergency.received')}</p>
    </section>
  );
}

/** Shown at once when the answers point to an emergency: call 112, in plain words, then the rest of the advice. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResidentNote } from '../api/residentNotes';
import { ResidentNoteList } from '../components/ResidentNoteList';

export function EmergencyAdvice({ notes = [] }: { notes?: ResidentNote[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
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

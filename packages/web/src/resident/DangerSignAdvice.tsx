/**
 * What to do now, shown the moment a danger sign is ticked: 112 first, then the sign's own
 * advice (crisis line, social emergency …). The live region is always in the page so that a
 * screen reader announces the advice as soon as it appears; the resident may still send.
 */
import { useTranslation } from 'react-i18next';
import { adviceFor, type DangerSignGuide } from '../api/dangerSigns.resource';
import { ResidentNoteList } from '../components/ResidentNoteList';

export function DangerSignAdvice({ signs, guide }: { signs: string[]; guide: DangerSignGuide | undefined }) {
  const { t } = useTranslation();
  const advice = adviceFor(guide, signs);
  return (
    <div aria-live="assertive" className="danger-advice-region">
      {signs.length > 0 && (
        <section className="emergency" aria-labelledby="danger-advice-title" data-testid="danger-advice">
          <h2 id="danger-advice-title">{t('dangerSigns.adviceTitle')}</h2>
          <a className="button button-emergency" href="tel:112" data-testid="danger-advice-112">
            {t('emergency.call')}
          </a>
          {/* Without the region's advice (not loaded), 112 and these words still stand. */}
          {advice.length > 0 ? <ResidentNoteList notes={advice} /> : <p className="emergency-body">{t('emergency.body')}</p>}
          <p>{t('dangerSigns.maySend')}</p>
        </section>
      )}
    </div>
  );
}

/**
 * What to do now, shown the moment a danger sign is ticked: 112 first, then the sign's own
 * advice (crisis line, social emergency …). The live region is always in the page so that a
 * screen reader announces the advice as soon as it appears; the resident may still send.
 *
 * On a phone the list of signs fills the screen, so the advice would appear below the fold
 * where nobody looks. When it appears it is scrolled into view ("nearest": the ticked box stays
 * on screen when both fit). The focus stays on the checkbox: a keyboard user keeps their place
 * in the list, and the screen reader hears the advice from the live region instead.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { adviceFor, type DangerSignGuide } from '../api/dangerSigns.resource';
import { ResidentNoteList } from '../components/ResidentNoteList';

export function DangerSignAdvice({ signs, guide }: { signs: string[]; guide: DangerSignGuide | undefined }) {
  const { t } = useTranslation();
  const advice = adviceFor(guide, signs);
  const shown = signs.length > 0;
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (shown) bringIntoView(ref.current);
  }, [shown]);
  return (
    <div aria-live="assertive" className="danger-advice-region">
      {shown && (
        <section ref={ref} className="emergency" aria-labelledby="danger-advice-title" data-testid="danger-advice">
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

/** Scrolls only when needed, and without animation for those who asked the system for less motion. */
function bringIntoView(element: HTMLElement | null): void {
  if (!element) return;
  const box = element.getBoundingClientRect();
  if (box.top >= 0 && box.bottom <= window.innerHeight) return;
  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  element.scrollIntoView({ block: 'nearest', behavior: still ? 'auto' : 'smooth' });
}

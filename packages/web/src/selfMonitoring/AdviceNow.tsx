/** What to do now after a dangerous home value: shown at once, above everything else. */
import { useTranslation } from 'react-i18next';
import type { MeasurementAdvice } from '@ovi/domain';

export function AdviceNow({ advice }: { advice: MeasurementAdvice[] }) {
  const { t } = useTranslation();
  if (advice.length === 0) return null;
  return (
    <section className="emergency sm-advice" role="alert" data-testid="sm-advice" tabIndex={-1}>
      <h2>{t('selfMonitoring.advice.title')}</h2>
      {advice.map((a) => <p key={a} data-advice={a}>{t(`selfMonitoring.advice.${a}`)}</p>)}
      <p>{t("selfMonitoring.advice.emergency")}</p>
      <a className="button button-emergency" href="tel:112">112</a>
    </section>
  );
}

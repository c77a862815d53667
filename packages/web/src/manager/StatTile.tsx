/** One figure with its label and the period it covers; a hidden small number says so in words. */
import { useTranslation } from 'react-i18next';

export function StatTile({ label, value, period, previous, testId }: { label: string; value: string | null; period: string; previous?: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div className="tile" data-testid={testId}>
      <p className="tile-label">{label}</p>
      <p className={value === null ? 'tile-value tile-hidden' : 'tile-value'}>{value ?? t('common.hidden')}</p>
      <p className="tile-period" data-testid="figure-period">
        {period}
      </p>
      {previous && <p className="tile-previous">{previous}</p>}
    </div>
  );
}

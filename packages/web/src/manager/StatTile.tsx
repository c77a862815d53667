/** One figure with its label; a hidden small number says so in words. */
import { useTranslation } from 'react-i18next';

export function StatTile({ label, value, testId }: { label: string; value: string | null; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div className="tile" data-testid={testId}>
      <p className="tile-label">{label}</p>
      <p className={value === null ? 'tile-value tile-hidden' : 'tile-value'}>{value ?? t('common.hidden')}</p>
    </div>
  );
}

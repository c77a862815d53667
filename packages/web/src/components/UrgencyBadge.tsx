/** Urgency as colour and words (never colour alone). */
import { useTranslation } from 'react-i18next';

const ICONS: Record<string, string> = { emergent: '!!', urgent: '!', 'non-urgent': '•', 'self-care': '○' };

export function UrgencyBadge({ urgency }: { urgency: string | undefined }) {
  const { t } = useTranslation();
  if (!urgency) return null;
  return (
    <span className={`badge urgency-${urgency}`}>
      <span aria-hidden="true" className="badge-icon">
        {ICONS[urgency] ?? '•'}
      </span>
      {t(`urgency.${urgency}`, { defaultValue: urgency })}
    </span>
  );
}

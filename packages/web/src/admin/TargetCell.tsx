/** → urgency, professional, service of a routing rule. */
import { useTranslation } from 'react-i18next';
import { UrgencyBadge } from '../components/UrgencyBadge';

export function TargetCell({ target }: { target: { urgency: string; profession: string; service: string } }) {
  const { t } = useTranslation();
  return (
    <div className="target">
      <span aria-hidden="true">→ </span>
      <UrgencyBadge urgency={target.urgency} />
      <div>{t(`profession.${target.profession}`, { defaultValue: target.profession })}</div>
      <div className="muted">{t(`service.${target.service}`, { defaultValue: target.service })}</div>
    </div>
  );
}

/** Where a routed contact goes: active care teams and services, grouped. */
import { useTranslation } from 'react-i18next';
import type { RouteTarget } from '../api/guidance.resource';

interface Props {
  id: string;
  targets: RouteTarget[];
  value: string;
  error?: string;
  errorId: string;
  onChange: (value: string) => void;
}

export function RouteTargetSelect({ id, targets, value, error, errorId, onChange }: Props) {
  const { t } = useTranslation();
  const groups: Array<{ kind: RouteTarget['kind']; label: string }> = [
    { kind: 'team', label: t('decision.teams') },
    { kind: 'service', label: t('decision.services') },
  ];
  return (
    <select
      id={id}
      className="input"
      value={value}
      required
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
      data-testid="decision-routeto"
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">{t('decision.routeChoose')}</option>
      {groups.map((group) => {
        const options = targets.filter((target) => target.kind === group.kind);
        if (options.length === 0) return null;
        return (
          <optgroup key={group.kind} label={group.label}>
            {options.map((target) => (
              <option key={target.reference} value={target.reference}>
                {target.name}
              </option>
            ))}
          </optgroup>
        );
      })}
    </select>
  );
}

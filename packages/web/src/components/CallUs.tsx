/**
 * "Call us", always with the number to call: the unit's phone from the organisation directory,
 * as a `tel:` link. Without a configured number the national on-call helpline is named instead,
 * so the resident is never told to call without being told where.
 */
import { useTranslation } from 'react-i18next';
import type { UnitContact } from '../api/unit.resource';
import { PhoneText } from './PhoneText';

interface Props {
  unit: UnitContact | undefined;
  /** Open matters: "if it gets worse before we are in touch"; closed ones: "questions about this". */
  open?: boolean;
}

export function CallUs({ unit, open = true }: Props) {
  const { t } = useTranslation();
  const text = unit?.phone
    ? t(open ? 'portal.call.open' : 'portal.call.done', { name: unit.name ?? t('portal.call.yourUnit'), phone: unit.phone })
    : t(open ? 'portal.call.openFallback' : 'portal.call.doneFallback');
  return (
    <p className="call-us" data-testid="call-us" data-phone={unit?.phone}>
      <span aria-hidden="true">☎ </span>
      <PhoneText text={text} />
    </p>
  );
}

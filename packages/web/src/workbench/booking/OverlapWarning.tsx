/**
 * The client already has a visit at an overlapping time: the server's words, and a choice to
 * book anyway or to choose another time. Focus moves here so the warning is not missed.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { pickText } from '../../api/fhir';
import { useLanguage } from '../../i18n/useLanguage';
import type { OverlapWarning as Warning } from './useProposalBooking';

interface Props {
  warning: Warning;
  busy: boolean;
  onConfirm: () => void;
  onDismiss: () => void;
  /** Test id prefix: `booking` (staff) or `selfbook` (residents). */
  testId: string;
}

export function OverlapWarning({ warning, busy, onConfirm, onDismiss, testId }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [warning]);
  const text = pickText(warning.conflict.text, lang);
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="notice notice-error overlap-warning" data-testid={`${testId}-overlap`}>
      <p>
        <strong>{t('bookingGuard.overlapTitle')}</strong>
      </p>
      {text && <p>{text}</p>}
      <div className="button-row">
        <button type="button" className="button button-primary" disabled={busy} data-testid={`${testId}-overlap-confirm`} onClick={onConfirm}>
          {busy ? t('booking.booking') : t('bookingGuard.overlapConfirm')}
        </button>
        <button type="button" className="button button-secondary" disabled={busy} onClick={onDismiss}>
          {t('bookingGuard.overlapOther')}
        </button>
      </div>
    </div>
  );
}

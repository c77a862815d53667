/** One free time as a radio choice: day and time, who, where, how, and why it is ranked here. */
import { useTranslation } from 'react-i18next';
import type { SlotProposal } from '../../api/appointment.resource';
import { modesText, timeRangeText } from '../../components/appointment/visitLabels';
import { formatClock, formatVisitDay } from '../../i18n/format';
import { useLanguage } from '../../i18n/useLanguage';

/** 'earliest' is how every plain proposal is ranked: not worth a badge. */
const SILENT_REASONS = new Set(['earliest']);
const REASON_CLASS: Record<string, string> = { 'after-deadline': 'badge-flag', 'own-professional': 'badge-good', 'own-team': 'badge-good' };

interface Props {
  proposal: SlotProposal;
  checked: boolean;
  describedBy?: string;
  onSelect: () => void;
  /** The radio group's name; also the prefix of the ids. */
  name?: string;
  testId?: string;
  selectTestId?: string;
  /** Ranking badges are for staff; a resident sees the times only. */
  showReasons?: boolean;
}

export function ProposalOption({
  proposal: p,
  checked,
  describedBy,
  onSelect,
  name = 'booking-proposal',
  testId = 'booking-proposal',
  selectTestId = 'booking-proposal-select',
  showReasons = true,
}: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const id = `${name}-${p.key}`;
  const reasons = showReasons ? p.reasons.filter((r) => !SILENT_REASONS.has(r)) : [];
  const who = [p.practitionerName, p.locationName].filter(Boolean).join(' · ');
  return (
    <li className="option proposal" data-testid={testId} data-slot-id={p.key}>
      <input
        type="radio"
        id={id}
        name={name}
        value={p.key}
        checked={checked}
        aria-describedby={describedBy}
        data-testid={selectTestId}
        onChange={onSelect}
      />
      <label htmlFor={id}>
        <span className="proposal-when">
          <strong>{formatVisitDay(p.start, lang)}</strong> <span className="nowrap">{timeRangeText(formatClock(p.start, lang), formatClock(p.end, lang), t)}</span>
        </span>
        {who && <span>{who}</span>}
        <span className="muted">{modesText(p.modes, t)}</span>
        {reasons.length > 0 && (
          <span className="badge-row">
            {reasons.map((r) => (
              <span key={r} className={`badge ${REASON_CLASS[r] ?? 'badge-muted'}`}>
                {r === 'after-deadline' && <span aria-hidden="true">⚠ </span>}
                {t(`booking.reason.${r}`, { defaultValue: r })}
              </span>
            ))}
          </span>
        )}
      </label>
    </li>
  );
}

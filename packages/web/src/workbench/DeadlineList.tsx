/** The legal deadline next to the deadline staff work to (the stricter one), and when to assess. */
import { useTranslation } from 'react-i18next';
import { pickText } from '../api/fhir';
import type { ContactTask, DeadlineBasis } from '../api/task.resource';
import { TimeLeft } from '../components/TimeLeft';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

export function DeadlineList({ task, now }: { task: ContactTask; now: Date }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const waiting = task.status === 'waiting';
  const rows: Array<{ key: string; label: string; value?: string; showLeft?: boolean; basis?: DeadlineBasis }> = [
    { key: 'workTo', label: t('contact.workTo'), value: task.deadline, showLeft: waiting },
    { key: 'legal', label: t('contact.legal'), value: task.legalDeadline, basis: task.legalBasis },
    { key: 'regional', label: t('contact.regional'), value: task.regionalDeadline, basis: task.regionalBasis },
    // The same-day assessment is due until someone has assessed.
    { key: 'assessmentDue', label: t('contact.assessmentDue'), value: task.assessmentDue, showLeft: waiting && !task.assessedAt },
  ];
  return (
    <dl className="facts deadlines">
      {rows
        .filter((r) => r.value)
        .map((r) => (
          <div key={r.key} className={r.key === 'workTo' ? 'deadline-main' : undefined}>
            <dt>{r.label}</dt>
            <dd>
              <time dateTime={r.value}>{formatDateTime(r.value, lang)}</time>
              {r.showLeft && (
                <>
                  {' '}
                  <TimeLeft deadline={r.value} now={now} />
                </>
              )}
              {r.basis?.label && <span className="basis small">{pickText(r.basis.label, lang)}</span>}
            </dd>
          </div>
        ))}
    </dl>
  );
}

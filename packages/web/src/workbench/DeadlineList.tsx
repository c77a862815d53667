/** The legal deadline next to the deadline staff work to (the stricter one), and when to assess. */
import { useTranslation } from 'react-i18next';
import type { ContactTask } from '../api/task.resource';
import { TimeLeft } from '../components/TimeLeft';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

export function DeadlineList({ task, now }: { task: ContactTask; now: Date }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const rows: Array<{ key: string; label: string; value?: string; showLeft?: boolean }> = [
    { key: 'workTo', label: t('contact.workTo'), value: task.deadline, showLeft: task.status === 'waiting' },
    { key: 'legal', label: t('contact.legal'), value: task.legalDeadline },
    { key: 'regional', label: t('contact.regional'), value: task.regionalDeadline },
    { key: 'assessmentDue', label: t('contact.assessmentDue'), value: task.assessmentDue },
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
            </dd>
          </div>
        ))}
    </dl>
  );
}

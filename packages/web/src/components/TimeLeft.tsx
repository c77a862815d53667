/** "2 h left" / "overdue 1 day", with the exact deadline for anyone who wants it. */
import { useTranslation } from 'react-i18next';
import type { Language } from '@ovi/domain/src/types';
import { formatDateTime, timeLeft } from '../i18n/format';

export function TimeLeft({ deadline, now }: { deadline: string | undefined; now: Date }) {
  const { t, i18n } = useTranslation();
  const left = timeLeft(deadline, now);
  if (!left) return null;
  return (
    <span className={left.overdue ? 'time-left overdue' : 'time-left'}>
      <time dateTime={deadline} title={formatDateTime(deadline, i18n.language as Language)}>
        {t(left.key, { count: left.count })}
      </time>
    </span>
  );
}

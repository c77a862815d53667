/** One access: when, who, what, how — and a visible flag when a reason had to be recorded. */
import { useTranslation } from 'react-i18next';
import type { AccessEntry } from '../api/audit.resource';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

export function AccessLogRow({ entry }: { entry: AccessEntry }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const flagged = entry.byRecordedReason;
  return (
    <tr className={flagged ? 'row-flagged' : undefined} data-testid="access-entry" data-flagged={flagged || undefined}>
      <td data-label={t('accessLog.when')}>
        <time dateTime={entry.when}>{formatDateTime(entry.when, lang)}</time>
      </td>
      <td data-label={t('accessLog.who')}>{entry.who || t('common.notGiven')}</td>
      <td data-label={t('accessLog.what')}>{t(`accessLog.types.${entry.what ?? 'other'}`, { defaultValue: t('accessLog.types.other') })}</td>
      <td data-label={t('accessLog.action')}>
        {t(`accessLog.actions.${entry.action}`)}
        {entry.refused && <span className="badge badge-muted"> {t('accessLog.refused')}</span>}
      </td>
      <td data-label={t('accessLog.reason')}>
        {flagged && (
          <span className="badge badge-flag">
            <span aria-hidden="true">⚑ </span>
            {t('accessLog.byReason')}
          </span>
        )}
        {entry.reason ? <span className="reason-text">{entry.reason}</span> : !flagged && t('common.notGiven')}
      </td>
    </tr>
  );
}

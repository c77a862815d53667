/**
 * One access as a card that fits a phone: who and when, what they did, why — and a visible flag
 * when a professional had no care relationship and recorded a reason instead.
 */
import { useTranslation } from 'react-i18next';
import type { AccessEntry } from '../api/audit.resource';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

export function AccessLogRow({ entry }: { entry: AccessEntry }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const flagged = entry.byRecordedReason;
  const what = t(`accessLog.types.${entry.what ?? 'other'}`, { defaultValue: t('accessLog.types.other') });
  return (
    <li
      className={flagged ? 'card access-entry row-flagged' : 'card access-entry'}
      data-testid="access-entry"
      data-flagged={flagged || undefined}
      data-actor={entry.actor}
    >
      <div className="card-head">
        <h3 className="card-title">{entry.who || t('portal.log.unknownWho')}</h3>
        {entry.when && (
          <time className="meta" dateTime={entry.when}>
            {formatDateTime(entry.when, lang)}
          </time>
        )}
      </div>
      <p>
        {t('portal.log.did', { action: entry.action === 'operation' ? t('portal.log.operation') : t(`accessLog.actions.${entry.action}`), what })}
        {entry.refused && (
          <>
            {' '}
            <span className="badge badge-muted">{t('accessLog.refused')}</span>
          </>
        )}
      </p>
      {flagged && (
        <p className="notice notice-flag" data-testid="access-entry-flag">
          <span aria-hidden="true">⚑ </span>
          {t('portal.log.flagged')}
        </p>
      )}
      {entry.byConsent && <p className="meta">{t('portal.log.byConsent')}</p>}
      {entry.reason && (
        <p data-testid="access-entry-reason">
          <span className="meta">{t('accessLog.reason')}: </span>
          {entry.reason}
        </p>
      )}
    </li>
  );
}

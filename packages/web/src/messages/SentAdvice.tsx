/** After sending: the emergency advice at once when the message had danger words, else a plain confirmation. */
import { useTranslation } from 'react-i18next';
import { EmergencyAdvice } from '../resident/EmergencyAdvice';
import type { Sent } from './messages.resource';

export function SentAdvice({ sent }: { sent: Sent }) {
  const { t } = useTranslation();
  if (sent.advice.includes('call-112')) return <EmergencyAdvice />;
  if (sent.advice.length > 0) {
    return (
      <div className="notice notice-flag" role="alert" data-testid="message-urgent-advice">
        <p>{t('messages.urgentAdvice')}</p>
      </div>
    );
  }
  return (
    <p className="notice" role="status" data-testid="message-sent">
      {t('messages.sent')}
    </p>
  );
}

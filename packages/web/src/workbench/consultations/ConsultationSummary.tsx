/** A consultation in the client's history: who asked, the question, and the answer with who gave it. */
import { useTranslation } from 'react-i18next';
import type { Matter } from '../../api/clientOverview.resource';
import { formatDateTime } from '../../i18n/format';
import { useLanguage } from '../../i18n/useLanguage';

export function ConsultationSummary({ consultation: c }: { consultation: NonNullable<Matter['consultation']> }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <div className="small" data-testid="history-consultation">
      {c.question && (
        <p>
          {t('consultations.history.question', { name: c.askedBy?.name ?? '' })}: <span className="reply-text">{c.question}</span>
        </p>
      )}
      {c.answer ? (
        <p data-testid="history-consultation-answer">
          {t('consultations.answerBy', { name: c.answeredBy?.name ?? '', when: c.answeredAt ? formatDateTime(c.answeredAt, lang) : '' })}: <span className="reply-text">{c.answer}</span>
        </p>
      ) : (
        <p className="muted">{t('consultations.history.noAnswer')}</p>
      )}
    </div>
  );
}

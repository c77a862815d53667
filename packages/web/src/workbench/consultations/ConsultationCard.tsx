/** One question: about whom, who asked whom and by when, the question, and the answer or the form for it. */
import { useTranslation } from 'react-i18next';
import type { ConsultationBox, ConsultationItem } from '../../api/consultation.resource';
import { idOf } from '../../api/fhir';
import { Link } from '../../app/router';
import { taskPath } from '../../app/routes';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useLanguage } from '../../i18n/useLanguage';
import { AnswerForm } from './AnswerForm';

export function ConsultationCard({ item, box, onAnswered }: { item: ConsultationItem; box: ConsultationBox; onAnswered: () => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const overdue = item.open && item.due !== undefined && Date.parse(item.due) < Date.now();
  const contactId = idOf(item.contact);
  const titleId = `consultation-${idOf(item.task) ?? ''}`;
  return (
    <li className="card" data-testid="consultation" data-task={item.task} data-open={item.open}>
      <div className="card-head">
        <h3 id={titleId} className="card-title">
          {item.patient.name || t('consultations.clientFallback')}
          {item.patient.birthDate && <span className="muted"> · {t('common.born', { date: formatDate(item.patient.birthDate, lang) })}</span>}
        </h3>
        <span className={`status status-${item.open ? 'waiting' : 'handled'}`} data-testid="consultation-status">
          {item.open ? (box === 'inbox' ? t('consultations.status.toAnswer') : t('consultations.status.waiting')) : t('consultations.status.answered')}
        </span>
      </div>
      <p className="small muted">
        {[
          box === 'inbox' ? t('consultations.askedBy', { name: item.askedBy?.name ?? '' }) : t('consultations.askedOf', { name: item.owner?.name ?? '' }),
          item.askedAt && formatDateTime(item.askedAt, lang),
          item.open && item.due && t('consultations.due', { when: formatDateTime(item.due, lang) }),
        ]
          .filter(Boolean)
          .join(' · ')}
        {overdue && <span className="badge badge-flag">{t('consultations.overdue')}</span>}
      </p>
      {item.restricted ? (
        <p className="notice" data-testid="consultation-restricted">
          {t('consultations.restricted')}
        </p>
      ) : (
        <>
          <p className="form-subheading">{t('consultations.question')}</p>
          <p className="reply-text" data-testid="consultation-question">
            {item.question}
          </p>
        </>
      )}
      {item.answer && (
        <div data-testid="consultation-answer">
          <p className="form-subheading">
            {t('consultations.answerBy', { name: item.answeredBy?.name ?? '', when: item.answeredAt ? formatDateTime(item.answeredAt, lang) : '' })}
          </p>
          <p className="reply-text">{item.answer}</p>
        </div>
      )}
      {contactId && (
        <p>
          <Link to={taskPath(contactId)} aria-describedby={titleId} data-testid="consultation-contact">
            {t('consultations.openContact')}
          </Link>
        </p>
      )}
      {box === 'inbox' && item.open && !item.restricted && <AnswerForm taskRef={item.task} onAnswered={onAnswered} />}
    </li>
  );
}

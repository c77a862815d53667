/**
 * The client's open matters, and their contacts and visits of the last twelve months, newest
 * first, each with its status in words. Records of a register the professional is not
 * registered for are left out by the server.
 */
import { useTranslation } from 'react-i18next';
import type { ClientOverview, Matter, Visit } from '../../api/clientOverview.resource';
import { AppointmentStatus } from '../../components/appointment/AppointmentStatus';
import { visitTypeLabel } from '../../components/appointment/visitLabels';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useLanguage } from '../../i18n/useLanguage';
import { ConsultationSummary } from '../consultations/ConsultationSummary';

const CLOSED_TONE: Record<string, string> = { completed: 'handled', cancelled: 'cancelled', failed: 'cancelled', rejected: 'cancelled', 'entered-in-error': 'cancelled' };

function MatterStatus({ matter }: { matter: Matter }) {
  const { t } = useTranslation();
  const tone = matter.open ? 'waiting' : (CLOSED_TONE[matter.status] ?? 'handled');
  const words = matter.open ? t('workday.status.open') : matter.outcome ? t(`outcome.${matter.outcome}`, { defaultValue: matter.outcome }) : t(`workday.status.${tone}`);
  return (
    <span className={`status status-${tone}`}>
      <span className="visually-hidden">{t('workday.status.label')}: </span>
      {words}
    </span>
  );
}

function MatterItem({ matter, current, testId }: { matter: Matter; current: boolean; testId: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <li data-testid={testId} data-task={matter.task} className="answer">
      <p>
        <strong>{t(`workday.kind.${matter.kind}`, { defaultValue: matter.kind })}</strong>
        {matter.authoredOn && <> · {formatDate(matter.authoredOn.slice(0, 10), lang)}</>} <MatterStatus matter={matter} />
        {current && <span className="badge badge-muted">{t('workday.history.thisOne')}</span>}
      </p>
      {matter.summary && <p>{matter.summary}</p>}
      {matter.consultation && <ConsultationSummary consultation={matter.consultation} />}
      <p className="small muted">
        {[
          matter.channel && t(`channel.${matter.channel}`, { defaultValue: matter.channel }),
          matter.urgency && t(`urgency.${matter.urgency}`, { defaultValue: matter.urgency }),
          matter.owner?.name && t('workday.history.owner', { name: matter.owner.name }),
          matter.open && matter.deadline && t('workday.history.deadline', { when: formatDateTime(matter.deadline, lang) }),
          !matter.open && matter.closedAt && t('workday.history.closed', { when: formatDate(matter.closedAt.slice(0, 10), lang) }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {matter.handover && !current && (
        <p className="small">
          {t('workday.handover.title')}: <span className="reply-text">{matter.handover.text}</span>
        </p>
      )}
    </li>
  );
}

function VisitItem({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <li data-testid="client-appointment" data-appointment={visit.appointment} data-status={visit.status} className="answer">
      <p>
        <strong>{formatDateTime(visit.start, lang)}</strong> <AppointmentStatus status={visit.status} />
      </p>
      <p className="small muted">
        {[
          visitTypeLabel(visit.visitType, lang),
          ...visit.modes.map((m) => t(`visitMode.${m}`, { defaultValue: m })),
          visit.practitioner?.name,
          visit.location?.name,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
    </li>
  );
}

export function ClientHistory({ overview, taskRef }: { overview: ClientOverview; taskRef: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  // Open matters are listed first; the year's list shows the rest.
  const open = new Set(overview.openMatters.map((m) => m.task));
  const earlier = overview.contacts.filter((m) => !open.has(m.task));
  const since = overview.since ? formatDate(overview.since, lang) : '';
  return (
    <section className="panel" aria-labelledby="history-title" data-testid="client-history">
      <h2 id="history-title">{t('workday.history.title')}</h2>
      <h3 className="form-subheading">{t('workday.history.open', { count: overview.openMatters.length })}</h3>
      {overview.openMatters.length === 0 ? (
        <p className="muted">{t('workday.history.noOpen')}</p>
      ) : (
        <ul className="plain-list">
          {overview.openMatters.map((m) => (
            <MatterItem key={m.task} matter={m} current={m.task === taskRef} testId="open-matter" />
          ))}
        </ul>
      )}
      <h3 className="form-subheading">{t('workday.history.contacts', { since })}</h3>
      {earlier.length === 0 ? (
        <p className="muted">{t('workday.history.noContacts')}</p>
      ) : (
        <ul className="plain-list">
          {earlier.map((m) => (
            <MatterItem key={m.task} matter={m} current={m.task === taskRef} testId="client-contact" />
          ))}
        </ul>
      )}
      <h3 className="form-subheading">{t('workday.history.visits', { since })}</h3>
      {overview.appointments.length === 0 ? (
        <p className="muted">{t('workday.history.noVisits')}</p>
      ) : (
        <ul className="plain-list">
          {overview.appointments.map((v) => (
            <VisitItem key={v.appointment} visit={v} />
          ))}
        </ul>
      )}
      <p className="small muted">{t('workday.history.registers')}</p>
    </section>
  );
}

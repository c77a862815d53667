/**
 * One visit of the professional's day: when, the client, the reason, how they meet, where, the
 * contact the visit was booked for, and how it went (recorded here once the visit has begun).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { idOf } from '../../api/fhir';
import { fetchVisit, type VisitDetail } from '../../api/visitOutcome.resource';
import { Link } from '../../app/router';
import { PATHS, taskPath } from '../../app/routes';
import { AppointmentStatus } from '../../components/appointment/AppointmentStatus';
import { modesText, timeRangeText, visitTypeLabel } from '../../components/appointment/visitLabels';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useAsync } from '../../components/useAsync';
import { formatClock, formatDateTime, formatVisitDay } from '../../i18n/format';
import { useLanguage } from '../../i18n/useLanguage';
import { VisitOutcomeForm } from './VisitOutcomeForm';

const ON_THE_BOOKS = ['booked', 'arrived', 'checked-in'];

export function VisitView({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const loaded = useAsync(() => fetchVisit(id), [id]);
  const [recorded, setRecorded] = useState<VisitDetail>();
  const visit = recorded ?? loaded.data;
  const name = visit?.patientName || t('appointment.clientFallback');
  const title = visit ? `${t('visit.title')}: ${name}` : t('visit.title');
  const contactId = idOf(visit?.contactRef);

  return (
    <>
      <p className="back-link">
        <Link to={PATHS.schedule}>
          <span aria-hidden="true">← </span>
          {t('visit.back')}
        </Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      {loaded.loading && !visit && <Loading />}
      {loaded.error !== undefined && !loaded.loading && <ErrorMessage error={loaded.error} onRetry={loaded.reload} />}
      <StatusMessage tone="success" testId="visit-recorded">
        {recorded ? t(`visit.recorded.${recorded.status}`, { defaultValue: t('visit.recorded.other') }) : undefined}
      </StatusMessage>
      {visit && (
        <div data-testid="visit-view" data-appointment-id={visit.id} data-status={visit.status}>
          <section className="panel" aria-labelledby="visit-facts-title">
            <h2 id="visit-facts-title">{t('visit.facts')}</h2>
            <dl className="facts">
              <dt>{t('visit.when')}</dt>
              <dd>
                {formatVisitDay(visit.start, lang)} {timeRangeText(formatClock(visit.start, lang), formatClock(visit.end, lang), t)}
              </dd>
              <dt>{t('visit.client')}</dt>
              <dd data-testid="visit-client">{name}</dd>
              <dt>{t('visit.reasonForVisit')}</dt>
              <dd data-testid="visit-reason-text">{visit.contactSummary || visit.comment || t('visit.noReason')}</dd>
              <dt>{t('visit.type')}</dt>
              <dd>{visitTypeLabel(visit.visitType, lang) || t('visit.noType')}</dd>
              <dt>{t('visit.mode')}</dt>
              <dd data-testid="visit-mode">{modesText(visit.modes, t)}</dd>
              {visit.locationName && (
                <>
                  <dt>{t('visit.place')}</dt>
                  <dd>{visit.locationName}</dd>
                </>
              )}
              <dt>{t('appointmentStatus.label')}</dt>
              <dd>
                <AppointmentStatus status={visit.status} />
                {visit.recordedBy && visit.recordedAt && <span className="small muted"> {t('visit.recordedBy', { name: visit.recordedBy, when: formatDateTime(visit.recordedAt, lang) })}</span>}
              </dd>
              {visit.cancelReason && (
                <>
                  <dt>{t('visit.whyNotShort')}</dt>
                  <dd>{visit.cancelReason}</dd>
                </>
              )}
            </dl>
            {contactId && (
              <p>
                <Link to={taskPath(contactId)} data-testid="visit-contact">
                  {t('visit.openContact')}
                </Link>
              </p>
            )}
          </section>
          {ON_THE_BOOKS.includes(visit.status) && <VisitOutcomeForm visit={visit} onRecorded={setRecorded} />}
        </div>
      )}
    </>
  );
}

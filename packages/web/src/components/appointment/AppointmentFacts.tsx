/** When, with whom, where and how: the facts of one appointment, in the reader's language. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentView } from '../../api/appointment.resource';
import { formatClock, formatVisitDay } from '../../i18n/format';
import { useLanguage } from '../../i18n/useLanguage';
import { modesText, timeRangeText, visitTypeLabel } from './visitLabels';

interface Props {
  appointment: AppointmentView;
  /** Show the date and time (off when a heading already says it). */
  showWhen?: boolean;
  showClient?: boolean;
  /** Say that the client waits for an earlier time (staff; the resident's card says it in its own words). */
  showWaitList?: boolean;
}

export function AppointmentFacts({ appointment: a, showWhen = true, showClient = false, showWaitList = true }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const rows: Array<{ key: string; label: string; value?: ReactNode }> = [
    ...(showWhen ? [{ key: 'when', label: t('appointment.when'), value: a.start ? <AppointmentWhen appointment={a} /> : undefined }] : []),
    ...(showClient ? [{ key: 'client', label: t('appointment.client'), value: a.patientName || t('appointment.clientFallback') }] : []),
    { key: 'who', label: t('appointment.professional'), value: a.practitionerName },
    { key: 'where', label: t('appointment.place'), value: a.locationName },
    { key: 'how', label: t('appointment.mode'), value: modesText(a.modes, t) },
    { key: 'what', label: t('appointment.visitType'), value: visitTypeLabel(a.visitType, lang) },
    { key: 'waiting', label: t('waitList.factLabel'), value: showWaitList && a.waitingForEarlier ? t('waitList.factValue') : undefined },
  ];
  return (
    <dl className="facts facts-inline appointment-facts">
      {rows
        .filter((r) => r.value)
        .map((r) => (
          <div key={r.key}>
            <dt>{r.label}</dt>
            <dd>{r.value}</dd>
          </div>
        ))}
    </dl>
  );
}

/** The day, and the time range kept on one line. */
export function AppointmentWhen({ appointment: a }: { appointment: Pick<AppointmentView, 'start' | 'end'> }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  if (!a.start) return null;
  return (
    <time dateTime={a.start}>
      {formatVisitDay(a.start, lang)} <span className="nowrap">{timeRangeText(formatClock(a.start, lang), formatClock(a.end, lang), t)}</span>
    </time>
  );
}

/** "tiistaina 25.11. klo 9.00–9.30" */
export function appointmentWhen(a: Pick<AppointmentView, 'start' | 'end'>, lang: ReturnType<typeof useLanguage>, t: ReturnType<typeof useTranslation>['t']): string {
  if (!a.start) return '';
  return `${formatVisitDay(a.start, lang)} ${timeRangeText(formatClock(a.start, lang), formatClock(a.end, lang), t)}`;
}

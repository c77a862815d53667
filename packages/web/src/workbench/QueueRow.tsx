/**
 * One open contact in the queue, as one compact table row: urgency (and the flags: danger
 * sign, came while closed, routed), who, why, for which professional, the two clocks — the
 * same-day assessment (until someone has assessed) and the care deadline — how and when it came,
 * and who has it open.
 */
import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../api/queue.resource';
import { Link } from '../app/router';
import { taskPath } from '../app/routes';
import { TimeLeft } from '../components/TimeLeft';
import { UrgencyBadge } from '../components/UrgencyBadge';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

const CLAIMABLE = new Set(['client-guidance', 'routed-work']);
const LOCALES: Record<string, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** When a contact came, short enough for a queue row: the time today, else the date (the full time is its title). */
function shortDateTime(iso: string, lang: string, now: Date): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const locale = LOCALES[lang] ?? 'fi-FI';
  const day = (x: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(x);
  const today = day(d) === day(now);
  return new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Helsinki', ...(today ? { hour: 'numeric', minute: '2-digit' } : { day: 'numeric', month: 'numeric' }) }).format(d);
}

interface Props {
  item: QueueItem;
  now: Date;
  /** The signed-in professional (Practitioner/…), to tell their own claims from colleagues'. */
  me?: string;
  /** A claim or release of this row is under way. */
  busy: boolean;
  onClaim: (item: QueueItem, action: 'claim' | 'release') => void;
}

export function QueueRow({ item, now, me, busy, onClaim }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const name = item.patient.name || item.patient.id;
  // The topic in the nurse's language; a topic typed by staff has only the words they typed.
  const summary = item.summaryTexts?.[lang] || item.summary;
  const signs = item.dangerSigns.filter((code) => code !== 'none');
  const raised = signs.length > 0 || item.dangerWords.length > 0;
  const awaitsAssessment = item.assessmentMinutesLeft !== undefined && !item.assessed;
  const mine = item.claimedBy?.reference === me;
  return (
    <tr className={`queue-item urgency-edge-${item.urgency}`} data-testid="queue-item" data-task-id={item.taskId}>
      <td data-label={t('urgency.label')} className="queue-urgency">
        <span className="badge-row">
          <UrgencyBadge urgency={item.urgency} />
          {raised && (
            <span className="badge badge-danger badge-flag-icon" title={t('queue.raised')} data-testid="queue-raised">
              <span aria-hidden="true">⚠</span>
              <span className="visually-hidden">{t('queue.raised')}</span>
            </span>
          )}
          {item.outOfHours && (
            <span className="badge badge-flag badge-flag-icon" title={t('queue.outOfHours')} data-testid="queue-out-of-hours">
              <span aria-hidden="true">☾</span>
              <span className="visually-hidden">{t('queue.outOfHours')}</span>
            </span>
          )}
          {item.kind === 'routed-work' && (
            <span className="badge badge-muted badge-flag-icon" title={t('queue.routed')}>
              <span aria-hidden="true">↪</span>
              <span className="visually-hidden">{t('queue.routed')}</span>
            </span>
          )}
        </span>
      </td>
      <th scope="row" data-label={t('queue.client')} className="queue-client">
        <Link to={taskPath(item.taskId)}>{name}</Link>
        {item.patient.age !== undefined && <span className="age">, {t('common.yearsOld', { age: item.patient.age })}</span>}
      </th>
      <td data-label={t('queue.reason')}>
        <span className="queue-clip queue-clip-wide" title={summary}>
          {summary}
        </span>
      </td>
      <td data-label={t('queue.profession')}>
        {item.profession && (
          <span className="queue-clip" title={t(`profession.${item.profession}`, { defaultValue: item.profession })}>
            {t(`profession.${item.profession}`, { defaultValue: item.profession })}
          </span>
        )}
      </td>
      <td data-label={t('queue.assessBy')}>
        {awaitsAssessment && item.assessmentDue ? (
          <span data-testid="queue-assessment-left">
            <TimeLeft deadline={item.assessmentDue} now={now} />
          </span>
        ) : item.assessed ? (
          <span className="muted">{t('queue.assessedBy', { name: item.assessed.by ?? '' })}</span>
        ) : null}
      </td>
      <td data-label={t('queue.careBy')}>
        {item.deadline && (
          <span data-testid="queue-deadline-left">
            <TimeLeft deadline={item.deadline} now={now} />
          </span>
        )}
      </td>
      <td data-label={t('queue.received')} className="queue-received">
        <span className="queue-clip queue-clip-wide">
          {item.channel ? t(`channel.${item.channel}`, { defaultValue: item.channel }) : ''}
          {item.channel && item.authoredOn ? ', ' : ''}
          {item.authoredOn && (
            <time dateTime={item.authoredOn} title={formatDateTime(item.authoredOn, lang)}>
              {shortDateTime(item.authoredOn, lang, now)}
            </time>
          )}
        </span>
      </td>
      <td data-label={t('queue.who')} className="queue-claim" data-testid="queue-claim">
        {item.claimedBy && (
          <span className={mine ? 'claimed claimed-mine' : 'claimed'} data-testid="queue-claimed-by">
            {mine ? t('queue.claimedByYou') : t('queue.claimedBy', { name: item.claimedBy.display ?? item.claimedBy.reference })}
          </span>
        )}
        {CLAIMABLE.has(item.kind ?? '') && (!item.claimedBy || mine) && (
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={busy}
            aria-label={t(mine ? 'queue.releaseFor' : 'queue.claimFor', { name })}
            data-testid={mine ? 'queue-release' : 'queue-take'}
            onClick={() => onClaim(item, mine ? 'release' : 'claim')}
          >
            {t(mine ? 'queue.release' : 'queue.claim')}
          </button>
        )}
      </td>
    </tr>
  );
}

/**
 * One open contact in the queue: urgency, who, why, and the two clocks — the same-day
 * assessment (until someone has assessed) and the care deadline.
 */
import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../api/queue.resource';
import { Link } from '../app/router';
import { taskPath } from '../app/routes';
import { TimeLeft } from '../components/TimeLeft';
import { UrgencyBadge } from '../components/UrgencyBadge';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

export function QueueRow({ item, now }: { item: QueueItem; now: Date }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const name = item.patient.name || item.patient.id;
  const signs = item.dangerSigns.filter((code) => code !== 'none');
  const raised = signs.length > 0 || item.dangerWords.length > 0;
  const awaitsAssessment = item.assessmentMinutesLeft !== undefined && !item.assessed;
  return (
    <li className={`card queue-item urgency-edge-${item.urgency}`} data-testid="queue-item" data-task-id={item.taskId}>
      <div className="card-head">
        <span className="badge-row">
          <UrgencyBadge urgency={item.urgency} />
          {raised && (
            <span className="badge badge-danger" data-testid="queue-raised">
              <span aria-hidden="true">⚠ </span>
              {t('queue.raised')}
            </span>
          )}
          {item.outOfHours && (
            <span className="badge badge-flag" data-testid="queue-out-of-hours">
              <span aria-hidden="true">☾ </span>
              {t('queue.outOfHours')}
            </span>
          )}
          {item.kind === 'routed-work' && <span className="badge badge-muted">{t('queue.routed')}</span>}
        </span>
        <dl className="clocks">
          {awaitsAssessment && item.assessmentDue && (
            <div data-testid="queue-assessment-left">
              <dt>{t('queue.assessBy')}</dt>
              <dd>
                <TimeLeft deadline={item.assessmentDue} now={now} />
              </dd>
            </div>
          )}
          {item.deadline && (
            <div data-testid="queue-deadline-left">
              <dt>{t('queue.careBy')}</dt>
              <dd>
                <TimeLeft deadline={item.deadline} now={now} />
              </dd>
            </div>
          )}
        </dl>
      </div>
      <h2 className="card-title">
        <Link to={taskPath(item.taskId)}>
          {name}
          {item.patient.age !== undefined && <span className="age">, {t('common.yearsOld', { age: item.patient.age })}</span>}
        </Link>
      </h2>
      {item.summary && <p className="summary">{item.summary}</p>}
      <dl className="facts facts-inline">
        {item.channel && (
          <div>
            <dt>{t('channel.label')}</dt>
            <dd>{t(`channel.${item.channel}`, { defaultValue: item.channel })}</dd>
          </div>
        )}
        {item.profession && (
          <div>
            <dt>{t('profession.label')}</dt>
            <dd>{t(`profession.${item.profession}`, { defaultValue: item.profession })}</dd>
          </div>
        )}
        {item.authoredOn && (
          <div>
            <dt>{t('queue.received')}</dt>
            <dd>{formatDateTime(item.authoredOn, lang)}</dd>
          </div>
        )}
        {item.assessed && (
          <div>
            <dt>{t('queue.assessed')}</dt>
            <dd>{[item.assessed.by, formatDateTime(item.assessed.at, lang)].filter(Boolean).join(', ')}</dd>
          </div>
        )}
        {item.deadline && (
          <div>
            <dt>{t('queue.deadline')}</dt>
            <dd>{formatDateTime(item.deadline, lang)}</dd>
          </div>
        )}
      </dl>
    </li>
  );
}

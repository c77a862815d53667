/** One shared plan as its reader may see it: goals, actions with owners and due dates, the team, assessments, comments. */
import { useTranslation } from 'react-i18next';
import type { SharedPlanView } from '@ovi/domain';
import { useLanguage } from '../i18n/useLanguage';
import { formatDate, formatDateTime } from '../i18n/format';

export function PlanSummary({ plan, onMark, busy }: { plan: SharedPlanView; onMark?: (index: number) => void; busy?: boolean }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const responsible = plan.team.find((m) => m.responsible);
  return (
    <div className="care-plan" data-testid="care-plan">
      <p>{t('carePlan.responsible', { name: responsible?.name ?? plan.responsibleWorker })}</p>
      {plan.limited && <p className="muted" data-testid="plan-limited">{t(`carePlan.limited.${plan.limited}`)}</p>}
      <h2>{t('carePlan.goals')}</h2>
      <ul data-testid="plan-goals">{plan.goals.map((g) => <li key={g.goal}>{g.text}</li>)}</ul>
      <h2>{t('carePlan.actions')}</h2>
      <ul className="plan-actions" data-testid="plan-actions">
        {plan.activities.map((a) => (
          <li key={a.index} data-testid={`plan-action-${a.index}`}>
            <p><strong>{a.description}</strong></p>
            <p>
              {t('carePlan.owner', { name: a.owner === plan.patient ? t('carePlan.you') : (a.ownerName ?? a.owner) })}
              {a.due && <> · {t('carePlan.due', { date: formatDate(a.due, lang) })}</>}
              {' · '}<span data-testid={`plan-action-status-${a.index}`}>{t(`carePlan.status.${a.status}`)}</span>
            </p>
            {onMark && a.owner === plan.patient && a.status !== 'completed' && (
              <button type="button" className="button button-secondary no-print" disabled={busy} onClick={() => onMark(a.index)} data-testid={`plan-mark-${a.index}`}>
                {t('carePlan.markDone')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <h2>{t('carePlan.team')}</h2>
      <ul data-testid="plan-team">
        {plan.team.map((m) => (
          <li key={m.member}>{m.name ?? m.member}{m.organizationName ? `, ${m.organizationName}` : ''}{m.responsible ? ` (${t('carePlan.responsibleShort')})` : ''}</li>
        ))}
      </ul>
      {plan.reviewDates.length > 0 && <p>{t('carePlan.reviews', { dates: plan.reviewDates.map((d) => formatDate(d, lang)).join(', ') })}</p>}
      {plan.assessments.length > 0 && (
        <>
          <h2>{t('carePlan.assessments')}</h2>
          <ul data-testid="plan-assessments">{plan.assessments.map((a) => <li key={a.reference}>{formatDate(a.date.slice(0, 10), lang)}: {a.byName ?? a.by} ({a.summary})</li>)}</ul>
        </>
      )}
      <h2>{t('carePlan.comments')}</h2>
      {plan.comments.length === 0 ? <p>{t('carePlan.noComments')}</p> : (
        <ul data-testid="plan-comments">{plan.comments.map((c, i) => <li key={i}><p>{c.text}</p><p className="muted">{c.authorName ?? c.author}, {formatDateTime(c.time, lang)}</p></li>)}</ul>
      )}
    </div>
  );
}

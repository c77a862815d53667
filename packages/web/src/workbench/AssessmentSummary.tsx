/** Who assessed the need and when, and where the assessment differs from the rules' suggestion. */
import { useTranslation } from 'react-i18next';
import type { ContactTask } from '../api/task.resource';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { differences, needWord } from './needWords';

export function AssessmentSummary({ task }: { task: ContactTask }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const assessed = { urgency: task.urgency, service: task.service, profession: task.profession };
  const changed = differences(task.suggested, assessed);
  return (
    <div className="assessed" data-testid="assessment-done">
      <p>
        <strong>
          {t('assessment.assessedBy', { who: task.assessedBy || t('common.notGiven'), when: formatDateTime(task.assessedAt, lang) })}
        </strong>
      </p>
      {changed.length === 0 ? (
        <p className="muted">{t('assessment.sameAsSuggested')}</p>
      ) : (
        <ul className="plain-list" data-testid="assessment-differences">
          {changed.map((part) => (
            <li key={part}>
              {t('assessment.changed', {
                part: t(`assessment.${part}`),
                from: needWord(t, part, task.suggested?.[part]),
                to: needWord(t, part, assessed[part]),
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

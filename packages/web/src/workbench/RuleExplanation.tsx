/** Why the routing rules suggested this urgency and professional. The rules advise; people decide. */
import { useTranslation } from 'react-i18next';
import { pickText } from '../api/fhir';
import type { ContactTask } from '../api/task.resource';
import { UrgencyBadge } from '../components/UrgencyBadge';
import { useLanguage } from '../i18n/useLanguage';

export function RuleExplanation({ task }: { task: ContactTask }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <section className="panel" aria-labelledby="rule-title">
      <h2 id="rule-title">{t('contact.rule')}</h2>
      <dl className="facts facts-inline">
        <div>
          <dt>{t('urgency.label')}</dt>
          <dd>
            <UrgencyBadge urgency={task.urgency} />
          </dd>
        </div>
        {task.profession && (
          <div>
            <dt>{t('profession.label')}</dt>
            <dd>{t(`profession.${task.profession}`, { defaultValue: task.profession })}</dd>
          </div>
        )}
        {task.service && (
          <div>
            <dt>{t('service.label')}</dt>
            <dd>{t(`service.${task.service}`, { defaultValue: task.service })}</dd>
          </div>
        )}
      </dl>
      {task.rule && <p className="rule-text">{pickText(task.rule, lang)}</p>}
      <p className="muted">{t('contact.ruleNote')}</p>
    </section>
  );
}

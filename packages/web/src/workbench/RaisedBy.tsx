/**
 * Why the safety screen raised this contact above the rules' suggestion: the danger signs
 * the resident ticked and the words in their own text that matched (also marked in the answers).
 */
import { useTranslation } from 'react-i18next';
import { fetchDangerSignGuide } from '../api/dangerSigns.resource';
import { pickText } from '../api/fhir';
import type { ContactTask } from '../api/task.resource';
import { UrgencyBadge } from '../components/UrgencyBadge';
import { useAsync } from '../components/useAsync';
import { useLanguage } from '../i18n/useLanguage';

export function RaisedBy({ task }: { task: ContactTask }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const guide = useAsync(() => fetchDangerSignGuide().catch(() => undefined), []);
  const signs = task.dangerSigns.filter((code) => code !== guide.data?.noneCode && code !== 'none');
  if (signs.length === 0 && task.dangerWords.length === 0) return null;
  const signLabel = (code: string) => pickText(guide.data?.signs.find((s) => s.code === code)?.label, lang) || code;
  return (
    <section className="panel panel-alert" aria-labelledby="raised-title" data-testid="raised-by">
      <h2 id="raised-title">{t('raised.title')}</h2>
      {task.raisedBy && <p>{t(`raised.by.${task.raisedBy}`, { defaultValue: task.raisedBy })}</p>}
      <dl className="facts">
        {signs.length > 0 && (
          <div>
            <dt>{t('raised.signs')}</dt>
            <dd>
              <ul className="plain-list" data-testid="raised-signs">
                {signs.map((code) => (
                  <li key={code}>{signLabel(code)}</li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {task.dangerWords.length > 0 && (
          <div>
            <dt>{t('raised.words')}</dt>
            <dd>
              <ul className="plain-list" data-testid="raised-words">
                {task.dangerWords.map((w, i) => (
                  <li key={`${w.matched}-${i}`}>
                    <mark>{w.matched}</mark>
                    {w.label && <> – {pickText(w.label, lang)}</>}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {task.ruleUrgency && task.ruleUrgency !== task.urgency && (
          <div>
            <dt>{t('raised.rulesAlone')}</dt>
            <dd>
              <UrgencyBadge urgency={task.ruleUrgency} />
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

/** The questions of a questionnaire as a numbered outline: text, type, required, when shown. */
import { useTranslation } from 'react-i18next';
import { pickText } from '../api/fhir';
import { questionsByLinkId, type Question } from '../api/questionnaire.resource';
import { useLanguage } from '../i18n/useLanguage';

export function QuestionOutline({ questions, all }: { questions: Question[]; all: Question[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const byLinkId = questionsByLinkId(all);
  const whenText = (q: Question): string =>
    q.enableWhen
      .map((c) => {
        const about = pickText(byLinkId.get(c.question)?.text, lang) || c.question;
        const given = c.answer;
        let answer = '';
        if (c.operator === 'exists') answer = c.exists === false ? t('common.no') : t('common.yes');
        else if (given?.kind === 'boolean') answer = given.value ? t('common.yes') : t('common.no');
        else if (given?.kind === 'coding') {
          const option = byLinkId.get(c.question)?.options.find((o) => o.code === given.code);
          answer = pickText(option?.display, lang) || given.code;
        } else if (given) answer = String(given.value);
        return `“${about}” ${c.operator} ${answer}`.trim();
      })
      .join(q.enableBehavior === 'any' ? ` ${t('admin.rules.or')} ` : ` ${t('admin.rules.and')} `);
  return (
    <ol className="outline">
      {questions.map((q) => (
        <li key={q.linkId}>
          <p className="outline-text">
            {pickText(q.text, lang)}
            {q.required && <span className="required-mark"> ({t('common.required')})</span>}
          </p>
          <p className="muted small">
            <code>{q.linkId}</code> · {t(`admin.questionnaires.types.${q.type}`)}
            {q.type === 'integer' && ` ${q.min ?? ''}–${q.max ?? ''}`}
            {q.options.length > 0 && ` · ${q.options.map((o) => pickText(o.display, lang)).join(', ')}`}
          </p>
          {q.enableWhen.length > 0 && (
            <p className="muted small">
              {t('admin.questionnaires.shownWhen')}: {whenText(q)}
            </p>
          )}
          {q.items.length > 0 && <QuestionOutline questions={q.items} all={all} />}
        </li>
      ))}
    </ol>
  );
}

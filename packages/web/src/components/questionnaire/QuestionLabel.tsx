/** A question's text in the reader's language, with the "required" mark spelled out and its help text below. */
import { useTranslation } from 'react-i18next';
import { pickText } from '../../api/fhir';
import type { Question } from '../../api/questionnaire.resource';
import { useLanguage } from '../../i18n/useLanguage';

export function QuestionLabel({ question }: { question: Question }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <>
      {pickText(question.text, lang)}
      {question.required && <span className="required-mark"> ({t('common.required')})</span>}
      {question.help && <span className="question-help">{pickText(question.help, lang)}</span>}
    </>
  );
}

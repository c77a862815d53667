/** The resident's answers as question → answer, in the reader's language. */
import { useTranslation } from 'react-i18next';
import { pickText } from '../api/fhir';
import type { AnsweredQuestion } from '../api/guidance.resource';
import { Highlighted } from '../components/Highlighted';
import { useLanguage } from '../i18n/useLanguage';

/** `highlight`: the words the safety screen recognised, marked in the resident's own text. */
export function AnswerList({ answers, highlight = [] }: { answers: AnsweredQuestion[]; highlight?: string[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  if (answers.length === 0) return <p className="muted">{t('contact.noAnswers')}</p>;
  const text = (a: AnsweredQuestion): string => {
    switch (a.answer.kind) {
      case 'texts':
        return pickText(a.answer.value, lang);
      case 'boolean':
        return a.answer.value ? t('common.yes') : t('common.no');
      case 'plain':
        return a.answer.value;
    }
  };
  return (
    <dl className="answers" data-testid="contact-answers">
      {answers.map((a, i) => (
        <div key={`${a.linkId}-${i}`} className={a.depth > 0 ? 'answer nested' : 'answer'}>
          <dt>{pickText(a.question, lang)}</dt>
          <dd>{a.answer.kind === 'plain' ? <Highlighted text={a.answer.value} words={highlight} /> : text(a)}</dd>
        </div>
      ))}
    </dl>
  );
}

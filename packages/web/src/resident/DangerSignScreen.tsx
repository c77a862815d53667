/** The danger-sign question, asked before anything else, with its advice right after it. */
import { useTranslation } from 'react-i18next';
import type { DangerSignGuide } from '../api/dangerSigns.resource';
import type { AnswerValue, Question } from '../api/questionnaire.resource';
import { MultiChoiceField } from '../components/questionnaire/MultiChoiceField';
import { DangerSignAdvice } from './DangerSignAdvice';

interface Props {
  question: Question;
  guide: DangerSignGuide | undefined;
  noneCode: string;
  value: AnswerValue | undefined;
  error?: string;
  onChange: (value: AnswerValue | undefined) => void;
}

export function DangerSignScreen({ question, guide, noneCode, value, error, onChange }: Props) {
  const { t } = useTranslation();
  const signs = value?.kind === 'codings' ? value.codes.map((c) => c.code).filter((code) => code !== noneCode) : [];
  return (
    <>
      <MultiChoiceField question={question} value={value} error={error} onChange={onChange} hint={t('dangerSigns.hint')} testIdPrefix="danger-sign" />
      <DangerSignAdvice signs={signs} guide={guide} />
    </>
  );
}

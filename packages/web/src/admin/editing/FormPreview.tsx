/**
 * The resident's form as it will look after a change, in Finnish, Swedish or English: the same
 * components residents use, in an i18n instance of its own so the admin's screen keeps its
 * language. Answers typed here only show which questions appear; nothing is sent.
 */
import { useEffect, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Language } from '@ovi/domain/src/types';
import { toQuestionnaireView } from '../../api/questionnaire.resource';
import type { StoredQuestionnaire } from '../../api/questionnaireEdit.resource';
import { QuestionnaireForm } from '../../components/questionnaire/QuestionnaireForm';
import { loadLanguage } from '../../i18n';
import { RadioGroup } from './fields';

function PreviewNotSent() {
  const { t } = useTranslation();
  return <p className="notice">{t('questionnaireStructure.previewNotSent')}</p>;
}

export function FormPreview({ questionnaire }: { questionnaire: StoredQuestionnaire }) {
  const { t, i18n } = useTranslation();
  const [lang, setLang] = useState<Language>('fi');
  const [ready, setReady] = useState<Language>();
  const view = useMemo(() => toQuestionnaireView(questionnaire), [questionnaire]);
  const instance = useMemo(() => (ready ? i18n.cloneInstance({ lng: ready }) : undefined), [i18n, ready]);
  useEffect(() => {
    let live = true;
    void loadLanguage(lang).then(() => live && setReady(lang));
    return () => {
      live = false;
    };
  }, [lang]);

  return (
    <section className="form-preview" aria-labelledby="qs-preview-heading" data-testid="qs-preview">
      <h4 id="qs-preview-heading">{t('questionnaireStructure.previewHeading')}</h4>
      <RadioGroup id="qs-preview-lang" legend={t('questionnaireStructure.previewLanguage')} value={lang} choices={(['fi', 'sv', 'en'] as const).map((l) => ({ value: l, label: t(`adminEdit.lang.${l}`) }))} onChange={(l) => setLang(l as Language)} testId="qs-preview-lang" />
      {instance && ready === lang && (
        <I18nextProvider i18n={instance}>
          <div lang={lang} className="panel" data-testid={`qs-preview-${lang}`}>
            <PreviewNotSent />
            <QuestionnaireForm questionnaire={view} onSubmit={async () => undefined} />
          </div>
        </I18nextProvider>
      )}
    </section>
  );
}

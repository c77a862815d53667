/**
 * The contact form in its order: whom it is about (guardians only), the danger signs, and
 * only then the rest of the questions. The danger-sign answer travels into the questionnaire
 * form, which does not ask it again.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Child } from '../api/children.resource';
import { sendContact, type SentContact } from '../api/contact.resource';
import { DANGER_SIGNS_LINK_ID, NO_DANGER_SIGN, withExclusiveNone, type DangerSignGuide } from '../api/dangerSigns.resource';
import { hasAnswer, type Answers, type AnswerValue, type QuestionnaireView } from '../api/questionnaire.resource';
import type { SummaryItem } from '../components/ErrorSummary';
import { QuestionnaireForm } from '../components/questionnaire/QuestionnaireForm';
import { DangerSignScreen } from './DangerSignScreen';
import { SUBJECT_FIELD_ID, SubjectChoice } from './SubjectChoice';

interface Props {
  questionnaire: QuestionnaireView;
  guide: DangerSignGuide | undefined;
  me: string;
  children: Child[];
  onSent: (sent: SentContact, subject: string) => void;
  /** Answers filled in at the start (a client path's "contact us"); the resident may change them. */
  initialAnswers?: Answers;
}

export function ContactSteps({ questionnaire: given, guide, me, children, onSent, initialAnswers }: Props) {
  const { t } = useTranslation();
  const [subject, setSubject] = useState<string | undefined>(children.length > 0 ? undefined : me);
  const [subjectError, setSubjectError] = useState<string>();
  const [signs, setSigns] = useState<AnswerValue>();
  const [screenError, setScreenError] = useState<string>();
  // Once shown, the rest stays: unticking every sign must not throw away what was written.
  const [revealed, setRevealed] = useState(false);

  const linkId = guide?.questionLinkId ?? DANGER_SIGNS_LINK_ID;
  // "None of these" cannot stand beside a sign, whether or not the questionnaire marks it so.
  const questionnaire = useMemo(() => withExclusiveNone(given, linkId, guide?.noneCode ?? NO_DANGER_SIGN), [given, linkId, guide]);
  const screen = questionnaire.items.find((q) => q.linkId === linkId);
  const showRest = !screen || revealed;

  const answerScreen = (value: AnswerValue | undefined) => {
    setSigns(value);
    setScreenError(undefined);
    if (hasAnswer(value)) setRevealed(true);
  };

  // The form's own checks list an unanswered screen in its summary (the question is in the
  // questionnaire); here the fieldsets outside the form get their own messages.
  const validateOutside = (): SummaryItem[] => {
    setScreenError(screen && !hasAnswer(signs) ? t('form.required') : undefined);
    if (subject) return [];
    setSubjectError(t('form.required'));
    return [{ fieldId: SUBJECT_FIELD_ID, message: `${t('subject.question')} – ${t('form.required')}` }];
  };

  return (
    <>
      <p className="hint">{t('send.requiredNote')}</p>
      {children.length > 0 && (
        <SubjectChoice
          me={me}
          children={children}
          value={subject}
          error={subjectError}
          onChange={(reference) => {
            setSubject(reference);
            setSubjectError(undefined);
          }}
        />
      )}
      {screen && <DangerSignScreen question={screen} guide={guide} noneCode={guide?.noneCode ?? NO_DANGER_SIGN} value={signs} error={screenError} onChange={answerScreen} />}
      {showRest && (
        <QuestionnaireForm
          questionnaire={questionnaire}
          givenAnswers={screen ? { [screen.linkId]: signs } : undefined}
          initialAnswers={initialAnswers}
          validateHeader={validateOutside}
          onSubmit={async (answers) => {
            const about = subject ?? me;
            onSent(await sendContact({ questionnaire, answers, subject: about }), about);
          }}
        />
      )}
    </>
  );
}

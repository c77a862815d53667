/** "Send a message": the contact questionnaire, then a confirmation or the emergency advice. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sendContact, type SentContact } from '../api/contact.resource';
import { fetchContactQuestionnaire } from '../api/questionnaire.resource';
import { useUser } from '../auth/SessionContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { QuestionnaireForm } from '../components/questionnaire/QuestionnaireForm';
import { useAsync } from '../components/useAsync';
import { ContactConfirmation } from './ContactConfirmation';
import { EmergencyAdvice } from './EmergencyAdvice';

export function SendContact() {
  const { t } = useTranslation();
  const user = useUser();
  const questionnaire = useAsync(fetchContactQuestionnaire, []);
  const [sent, setSent] = useState<SentContact>();
  const [round, setRound] = useState(0);
  const form = questionnaire.data;

  const startOver = () => {
    setSent(undefined);
    setRound((n) => n + 1);
  };

  return (
    <>
      <PageHeading title={t('send.title')}>{t('send.title')}</PageHeading>
      {sent ? (
        sent.task?.urgency === 'emergent' ? (
          <EmergencyAdvice />
        ) : (
          <ContactConfirmation deadline={sent.task?.deadline ?? sent.task?.assessmentDue} onSendAnother={startOver} />
        )
      ) : (
        <>
          <p className="lead">{t('send.intro')}</p>
          <p className="callout callout-warning">
            <span aria-hidden="true">☎ </span>
            {t('send.emergencyNote')}
          </p>
          {questionnaire.loading && !form && <Loading />}
          {questionnaire.error !== undefined && <ErrorMessage error={questionnaire.error} onRetry={questionnaire.reload} />}
          {form && (
            <>
              <p className="hint">{t('send.requiredNote')}</p>
              <QuestionnaireForm
                key={round}
                questionnaire={form}
                onSubmit={async (answers) => {
                  setSent(await sendContact({ questionnaire: form, answers, subject: user.fhirUser }));
                }}
              />
            </>
          )}
        </>
      )}
    </>
  );
}

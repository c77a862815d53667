/**
 * Recording a phone call or walk-in as quickly as the call itself: find the client, check it is
 * them, fill the same questionnaire (for a call without asking how to reach them: by phone), done.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { sendContact, type SentContact, type StaffChannel } from '../api/contact.resource';
import type { PatientSummary } from '../api/patient.resource';
import { withExclusiveNone } from '../api/dangerSigns.resource';
import { fetchContactQuestionnaire } from '../api/questionnaire.resource';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { QuestionnaireForm } from '../components/questionnaire/QuestionnaireForm';
import { useAsync } from '../components/useAsync';
import { ChannelChoice } from './ChannelChoice';
import { ContactRecorded } from './ContactRecorded';
import { PatientCard } from './PatientCard';
import { PatientLookup } from './PatientLookup';
import { answersKnownFrom } from './contact/knownAnswers';

export function PhoneContact() {
  const { t } = useTranslation();
  // "None of these" danger signs cannot be sent beside a sign: the form clears one for the other.
  const questionnaire = useAsync(async () => withExclusiveNone(await fetchContactQuestionnaire()), []);
  const [patient, setPatient] = useState<PatientSummary>();
  /** The reason the client was found by name with (their data was read with it). */
  const [foundWith, setFoundWith] = useState<string>();
  const [channel, setChannel] = useState<StaffChannel>('phone');
  const [sent, setSent] = useState<SentContact>();
  const form = questionnaire.data;

  const reset = () => {
    setPatient(undefined);
    setFoundWith(undefined);
    setSent(undefined);
    setChannel('phone');
  };

  return (
    <>
      <PageHeading title={t('phone.title')}>{t('phone.title')}</PageHeading>
      {sent ? (
        <ContactRecorded sent={sent} onAnother={reset} />
      ) : (
        <>
          <p className="lead">{t('phone.intro')}</p>
          <section className="panel" aria-labelledby="lookup-title">
            <h2 id="lookup-title">{t('phone.lookupTitle')}</h2>
            {patient ? (
              <>
                <PatientCard patient={patient} onChange={reset} />
                {foundWith && (
                  <p className="notice notice-flag" role="status">
                    <span aria-hidden="true">⚑ </span>
                    {t('accessReason.active', { reason: foundWith })}
                  </p>
                )}
              </>
            ) : (
              <PatientLookup
                onFound={(found, reason) => {
                  setPatient(found);
                  setFoundWith(reason);
                }}
              />
            )}
          </section>
          {patient && (
            <section className="panel" aria-labelledby="form-title">
              <h2 id="form-title">{t('phone.formTitle')}</h2>
              {questionnaire.loading && !form && <Loading />}
              {questionnaire.error !== undefined && <ErrorMessage error={questionnaire.error} onRetry={questionnaire.reload} />}
              {form && (
                <QuestionnaireForm
                  questionnaire={form}
                  showServerDetail
                  givenAnswers={answersKnownFrom(channel, form)}
                  header={<ChannelChoice value={channel} onChange={setChannel} />}
                  describeFailure={(error) => (error instanceof ApiError && error.status === 403 ? <RecordingRefused error={error} /> : undefined)}
                  onSubmit={async (answers) => {
                    setSent(await sendContact({ questionnaire: form, answers, subject: patient.reference, channel, reason: t(`phoneContact.reason.${channel}`) }));
                  }}
                />
              )}
            </section>
          )}
        </>
      )}
    </>
  );
}

/** A 403 when recording: said plainly, with the server's own words for the professional. */
function RecordingRefused({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const detail = error.issues.map((i) => i.message).filter(Boolean).join(' ');
  return (
    <div role="alert" className="notice notice-error" data-testid="phone-contact-refused">
      <p>
        <strong>{t('phone.refused')}</strong>
      </p>
      <p>{t('phone.refusedHelp')}</p>
      {detail && (
        <p className="small">
          {t('phone.serverSaid')} <span lang="en">{detail}</span>
        </p>
      )}
    </div>
  );
}

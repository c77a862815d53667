/** "Send a message": the contact form, then a confirmation or the emergency advice. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchMyChildren, type Child } from '../api/children.resource';
import type { SentContact } from '../api/contact.resource';
import { fetchDangerSignGuide } from '../api/dangerSigns.resource';
import { fetchContactQuestionnaire } from '../api/questionnaire.resource';
import { useUser } from '../auth/SessionContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useAsync } from '../components/useAsync';
import { ContactConfirmation } from './ContactConfirmation';
import { ContactSteps } from './ContactSteps';
import { matterFromAddress } from '../clientPaths/contactMatter';
import { EmergencyAdvice } from './EmergencyAdvice';

interface Sent {
  contact: SentContact;
  /** The child the contact was about, when not the resident. */
  child?: Child;
}

export function SendContact() {
  const { t } = useTranslation();
  const user = useUser();
  const questionnaire = useAsync(fetchContactQuestionnaire, []);
  // Neither may stop a contact: without the advice the screen still shows 112, and without
  // the list of children the resident writes about themself.
  const guide = useAsync(() => fetchDangerSignGuide().catch(() => undefined), []);
  const children = useAsync(() => fetchMyChildren().catch((): Child[] => []), []);
  const [sent, setSent] = useState<Sent>();
  const [round, setRound] = useState(0);
  const form = questionnaire.data;
  const ready = form && !guide.loading && !children.loading;
  // A client path's "contact us" brings the matter in the address (`?reason=…&matter=…`).
  const [prefill] = useState(() => matterFromAddress(window.location.search));
  const initialAnswers = form && prefill ? prefill.answers(form) : undefined;

  const startOver = () => {
    setSent(undefined);
    setRound((n) => n + 1);
  };

  return (
    <>
      <PageHeading title={t('send.title')}>{t('send.title')}</PageHeading>
      {sent ? (
        sent.contact.task?.urgency === 'emergent' ? (
          <EmergencyAdvice notes={sent.contact.task.notes} />
        ) : (
          <ContactConfirmation task={sent.contact.task} child={sent.child} onSendAnother={startOver} />
        )
      ) : (
        <>
          <p className="lead">{t('send.intro')}</p>
          <p className="callout callout-warning">
            <span aria-hidden="true">☎ </span>
            {t('send.emergencyNote')}
          </p>
          {(questionnaire.loading || !ready) && !questionnaire.error && <Loading />}
          {questionnaire.error !== undefined && <ErrorMessage error={questionnaire.error} onRetry={questionnaire.reload} />}
          {form && ready && initialAnswers && (
            <p className="notice notice-info" data-testid="contact-prefilled">
              {t('clientPaths.prefilled')}
            </p>
          )}
          {form && ready && (
            <ContactSteps
              initialAnswers={round === 0 ? initialAnswers : undefined}
              key={round}
              questionnaire={form}
              guide={guide.data}
              me={user.fhirUser}
              children={children.data ?? []}
              onSent={(contact, subject) => setSent({ contact, child: children.data?.find((c) => c.reference === subject) })}
            />
          )}
        </>
      )}
    </>
  );
}

/** "My messages": the resident's contacts, newest first, with replies. */
import { useTranslation } from 'react-i18next';
import { fetchMyContacts } from '../api/contact.resource';
import { fetchContactQuestionnaire } from '../api/questionnaire.resource';
import { useUser } from '../auth/SessionContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useAsync } from '../components/useAsync';
import { MyContactItem } from './MyContactItem';

export function MyContacts() {
  const { t } = useTranslation();
  const user = useUser();
  const contacts = useAsync(async () => {
    const questionnaire = await fetchContactQuestionnaire().catch(() => undefined);
    return fetchMyContacts(user.fhirUser, questionnaire);
  }, [user.fhirUser]);

  return (
    <>
      <PageHeading title={t('myContacts.title')}>{t('myContacts.title')}</PageHeading>
      <p className="lead">{t('myContacts.intro')}</p>
      {contacts.loading && !contacts.data && <Loading />}
      {contacts.error !== undefined && <ErrorMessage error={contacts.error} onRetry={contacts.reload} />}
      {contacts.data && contacts.data.length === 0 && <p className="empty">{t('myContacts.empty')}</p>}
      {contacts.data && contacts.data.length > 0 && (
        <ul className="card-list">
          {contacts.data.map((c) => (
            <MyContactItem key={c.id} contact={c} />
          ))}
        </ul>
      )}
    </>
  );
}

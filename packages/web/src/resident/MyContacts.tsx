/** "My messages": the resident's contacts, newest first, with replies. */
import { useTranslation } from 'react-i18next';
import { fetchMyChildren } from '../api/children.resource';
import { fetchMyContacts, type MyContact } from '../api/contact.resource';
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
    const [questionnaire, children] = await Promise.all([
      fetchContactQuestionnaire().catch(() => undefined),
      fetchMyChildren().catch(() => []),
    ]);
    // A guardian's contacts about a child are recorded on the child; they belong here too.
    const lists = await Promise.all([
      fetchMyContacts(user.fhirUser, questionnaire),
      ...children.map((child) =>
        fetchMyContacts(child.reference, questionnaire)
          .then((list) => list.map((c): MyContact => ({ ...c, about: child.name || child.reference })))
          .catch((): MyContact[] => []),
      ),
    ]);
    return lists.flat().sort((a, b) => (b.authoredOn ?? '').localeCompare(a.authoredOn ?? ''));
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

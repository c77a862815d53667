/**
 * "My messages": the resident's contacts, newest first, with replies; with those about a child
 * in their guardianship and about an adult who has authorised them, each marked with whom it is about.
 */
import { useTranslation } from 'react-i18next';
import { fetchMyContacts, type MyContact } from '../api/contact.resource';
import { fetchMyPrincipals } from '../api/principals.resource';
import { fetchContactQuestionnaire } from '../api/questionnaire.resource';
import { Link } from '../app/router';
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
    const [questionnaire, principals] = await Promise.all([
      fetchContactQuestionnaire().catch(() => undefined),
      fetchMyPrincipals().catch(() => []),
    ]);
    // Contacts about a child or an adult one acts for are recorded on them; they belong here too.
    const lists = await Promise.all([
      fetchMyContacts(user.fhirUser, questionnaire),
      ...principals.map((principal) =>
        fetchMyContacts(principal.reference, questionnaire)
          .then((list) => list.map((c): MyContact => ({ ...c, about: principal.name || principal.reference })))
          .catch((): MyContact[] => []),
      ),
    ]);
    const contacts = lists.flat().sort((a, b) => (b.authoredOn ?? '').localeCompare(a.authoredOn ?? ''));
    return { contacts, actsForAdults: principals.some((p) => p.kind === 'representative') };
  }, [user.fhirUser]);
  const list = contacts.data?.contacts;

  return (
    <>
      <PageHeading title={t('myContacts.title')}>{t('myContacts.title')}</PageHeading>
      <p className="lead">{t('myContacts.intro')}</p>
      {contacts.loading && !contacts.data && <Loading />}
      {contacts.error !== undefined && <ErrorMessage error={contacts.error} onRetry={contacts.reload} />}
      {contacts.data?.actsForAdults && (
        <p className="hint" data-testid="my-contacts-acting-for">
          {t('portal.acting.inMyContacts')} <Link to="/acting-for">{t('portal.acting.nav')}</Link>
        </p>
      )}
      {list && list.length === 0 && <p className="empty">{t('myContacts.empty')}</p>}
      {list && list.length > 0 && (
        <ul className="card-list">
          {list.map((c) => (
            <MyContactItem key={c.id} contact={c} />
          ))}
        </ul>
      )}
    </>
  );
}

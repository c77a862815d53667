/**
 * Admin, read only: everything that decides what a resident is told before and after
 * sending — the danger signs, the words recognised in free text, opening hours and where to turn.
 */
import { useTranslation } from 'react-i18next';
import { fetchSafetyScreen, fetchServiceHours, fetchWhereToTurn } from '../../api/safetyScreen.resource';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { Link } from '../../app/router';
import { DangerSignTable } from './DangerSignTable';
import { ServiceHoursTable } from './ServiceHoursTable';
import { WhereToTurnList } from './WhereToTurnList';
import { WordGroupTable } from './WordGroupTable';

export function SafetyScreenPage() {
  const { t } = useTranslation();
  // Each part on its own: one that fails to load does not hide the others.
  const screen = useAsync(fetchSafetyScreen, []);
  const hours = useAsync(fetchServiceHours, []);
  const contacts = useAsync(fetchWhereToTurn, []);

  return (
    <>
      <PageHeading title={t('safety.title')}>{t('safety.title')}</PageHeading>
      <p className="lead">{t('safety.intro')}</p>
      <p className="muted">{t('admin.readOnly')}</p>

      <section className="panel" aria-labelledby="safety-signs-title">
        <h2 id="safety-signs-title">{t('safety.signsTitle')}</h2>
        <p>{t('safety.signsIntro')}</p>
        {screen.loading && !screen.data && <Loading />}
        {screen.error !== undefined && <ErrorMessage error={screen.error} onRetry={screen.reload} />}
        {screen.data && <DangerSignTable signs={screen.data.signs} />}
      </section>

      <section className="panel" aria-labelledby="safety-words-title">
        <h2 id="safety-words-title">{t('safety.wordsTitle')}</h2>
        <p>{t('safety.wordsIntro')}</p>
        {screen.data &&
          (screen.data.wordGroups.length > 0 ? <WordGroupTable groups={screen.data.wordGroups} /> : <p className="empty">{t('safety.noWords')}</p>)}
      </section>

      <section className="panel" aria-labelledby="safety-hours-title">
        <h2 id="safety-hours-title">{t('safety.hoursTitle')}</h2>
        <p>{t('safety.hoursIntro')}</p>
        <p>
          <Link to="/admin/opening-hours" data-testid="edit-opening-hours">{t('openingHours.editLink')}</Link>
        </p>
        {hours.loading && !hours.data && <Loading />}
        {hours.error !== undefined && <ErrorMessage error={hours.error} onRetry={hours.reload} />}
        {hours.data?.queues.map((queue) => <ServiceHoursTable key={queue.id} queue={queue} />)}
      </section>

      <section className="panel" aria-labelledby="safety-contacts-title">
        <h2 id="safety-contacts-title">{t('safety.contactsTitle')}</h2>
        <p>{t('safety.contactsIntro')}</p>
        {contacts.loading && !contacts.data && <Loading />}
        {contacts.error !== undefined && <ErrorMessage error={contacts.error} onRetry={contacts.reload} />}
        {contacts.data && <WhereToTurnList contacts={contacts.data} />}
      </section>
    </>
  );
}

/** From a contact to the client's other work: their shared plan and their home measurements (the screens' own access rules apply). */
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { useSession } from '../../auth/SessionContext';

export function ClientLinks({ patientRef }: { patientRef: string }) {
  const { t } = useTranslation();
  const roles = useSession().user?.roles ?? [];
  const id = encodeURIComponent(patientRef.replace(/^Patient\//, ''));
  return (
    <nav className="panel" aria-labelledby="client-links-title" data-testid="client-links">
      <h2 id="client-links-title">{t('clientLinks.title')}</h2>
      <ul className="plain-list">
        {roles.includes('professional') && (
          <li>
            <Link to={`/care-plans/${id}`} data-testid="client-link-plan">{t('clientLinks.plan')}</Link>
          </li>
        )}
        <li>
          <Link to={`/monitoring/${id}`} data-testid="client-link-monitoring">{t('clientLinks.monitoring')}</Link>
        </li>
      </ul>
    </nav>
  );
}

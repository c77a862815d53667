/** The sections this user's roles reach; the current one is marked for assistive technology. */
import { useTranslation } from 'react-i18next';
import { Link, useRouter } from '../app/router';
import { menuFor } from '../app/routes';
import type { Role } from '../api/auth.resource';
import { ConsultationCount } from '../workbench/consultations/ConsultationCount';
import { UnreadBadge } from '../messages/UnreadBadge';
import { useSession } from '../auth/SessionContext';

export function MainNav({ roles, id }: { roles: Role[]; id?: string }) {
  const { t } = useTranslation();
  const { path } = useRouter();
  const { user } = useSession();
  const entries = menuFor(roles, user?.registers);
  if (entries.length === 0) return null;
  return (
    <nav aria-label={t('app.mainNav')} className="main-nav" id={id}>
      <ul>
        {entries.map((entry) => {
          const isCurrent = path === entry.path || path.startsWith(`${entry.path}/`);
          return (
            <li key={entry.path}>
              <Link to={entry.path} data-testid={entry.testId} aria-current={isCurrent ? 'page' : undefined}>
                {t(entry.labelKey)}
                {entry.count === 'consultations' && <ConsultationCount />}
                {entry.testId === 'nav-messages' && <UnreadBadge />}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

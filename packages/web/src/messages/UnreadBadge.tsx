/** The resident's unread messages beside "Messages" in the navigation (nothing when none). */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouter } from '../app/router';
import { useUser } from '../auth/SessionContext';
import { fetchUnreadCount } from './messages.resource';
import { onUnreadChanged } from './unreadEvents';

export function UnreadBadge() {
  const { t } = useTranslation();
  const user = useUser();
  const { path } = useRouter();
  const [count, setCount] = useState(0);
  const [changes, setChanges] = useState(0);
  useEffect(() => onUnreadChanged(() => setChanges((n) => n + 1)), []);
  useEffect(() => {
    let live = true;
    fetchUnreadCount(user.fhirUser).then(
      (n) => live && setCount(n),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [user.fhirUser, path, changes]);
  if (count === 0) return null;
  return (
    <span className="nav-count" data-testid="unread-count">
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">{t('messages.unread', { count })}</span>
    </span>
  );
}

/**
 * How many questions wait for the user's answer, beside "Consultations" in the navigation:
 * fetched on every screen change and whenever a question is asked or answered here.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchConsultationCounts } from '../../api/consultationCounts.resource';
import { useRouter } from '../../app/router';
import { CONSULTATIONS_CHANGED } from './consultationEvents';

export function ConsultationCount() {
  const { t } = useTranslation();
  const { path } = useRouter();
  const [count, setCount] = useState<number>();
  const [changes, setChanges] = useState(0);

  useEffect(() => {
    const onChange = () => setChanges((n) => n + 1);
    window.addEventListener(CONSULTATIONS_CHANGED, onChange);
    return () => window.removeEventListener(CONSULTATIONS_CHANGED, onChange);
  }, []);

  useEffect(() => {
    let current = true;
    // A count that cannot be fetched is left out; the page itself says what went wrong.
    fetchConsultationCounts().then(
      (c) => current && setCount(c.inbox),
      () => current && setCount(undefined),
    );
    return () => {
      current = false;
    };
  }, [path, changes]);

  if (!count) return null;
  return (
    <span className="nav-count" data-testid="consultation-count" data-count={count}>
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">{t('consultations.waitingCount', { count })}</span>
    </span>
  );
}

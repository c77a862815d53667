/** The internal note the routing professional left for the team that received the work; never shown to the client. */
import { useTranslation } from 'react-i18next';
import type { Matter } from '../../api/clientOverview.resource';

export function HandoverNote({ handover }: { handover: NonNullable<Matter['handover']> }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="handover-title" data-testid="handover-note">
      <h2 id="handover-title">{t('workday.handover.title')}</h2>
      {handover.by?.name && <p className="muted">{t('workday.handover.from', { name: handover.by.name })}</p>}
      <p className="reply-text">{handover.text}</p>
      <p className="small muted">{t('workday.handover.internal')}</p>
    </section>
  );
}

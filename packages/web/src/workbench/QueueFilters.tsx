/** Narrowing the queue: urgency, channel, profession, the user's team or service, and who has the contact. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, PROFESSIONS, URGENCIES } from '@ovi/domain/src/types';
import type { QueueFilters as Filters, QueuePage } from '../api/queue.resource';

interface Props {
  value: Filters;
  teams: QueuePage['teams'];
  onChange: (next: Filters) => void;
  /** Shown after the filters, in the same row (how many wait, refresh). */
  children?: ReactNode;
}

export function QueueFilters({ value, teams, onChange, children }: Props) {
  const { t } = useTranslation();
  const set = (name: keyof Filters, v: string) => onChange({ ...value, [name]: v || undefined });
  const any = Object.values(value).some(Boolean);
  return (
    <form className="filters queue-filters" aria-label={t('queue.filters')} data-testid="queue-filters" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="queue-urgency">{t('urgency.label')}</label>
        <select id="queue-urgency" className="input" value={value.urgency ?? ''} data-testid="queue-filter-urgency" onChange={(e) => set('urgency', e.target.value)}>
          <option value="">{t('queue.all')}</option>
          {URGENCIES.map((u) => (
            <option key={u} value={u}>
              {t(`urgency.${u}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="queue-channel">{t('channel.label')}</label>
        <select id="queue-channel" className="input" value={value.channel ?? ''} data-testid="queue-filter-channel" onChange={(e) => set('channel', e.target.value)}>
          <option value="">{t('queue.all')}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`channel.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="queue-profession">{t('queue.profession')}</label>
        <select id="queue-profession" className="input" value={value.profession ?? ''} data-testid="queue-filter-profession" onChange={(e) => set('profession', e.target.value)}>
          <option value="">{t('queue.all')}</option>
          {PROFESSIONS.map((p) => (
            <option key={p} value={p}>
              {t(`profession.${p}`)}
            </option>
          ))}
        </select>
      </div>
      {teams.length > 0 && (
        <div className="field">
          <label htmlFor="queue-owner">{t('queue.team')}</label>
          <select id="queue-owner" className="input" value={value.owner ?? ''} data-testid="queue-filter-owner" onChange={(e) => set('owner', e.target.value)}>
            <option value="">{t('queue.all')}</option>
            {teams.map((team) => (
              <option key={team.reference} value={team.reference}>
                {team.name ?? team.reference}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="queue-claimed">{t('queue.who')}</label>
        <select id="queue-claimed" className="input" value={value.claimed ?? ''} data-testid="queue-filter-claimed" onChange={(e) => set('claimed', e.target.value)}>
          <option value="">{t('queue.all')}</option>
          <option value="nobody">{t('queue.claimedNobody')}</option>
          <option value="me">{t('queue.claimedMe')}</option>
        </select>
      </div>
      {any && (
        <div className="field queue-filters-clear">
          <button type="button" className="button button-secondary" data-testid="queue-filters-clear" onClick={() => onChange({})}>
            {t('queue.clearFilters')}
          </button>
        </div>
      )}
      {children && <div className="field queue-summary">{children}</div>}
    </form>
  );
}

/**
 * The team's work list of likely high-need clients: each with the criteria met beside the
 * name, those without a shared plan first. The list suggests whom to talk to about a shared
 * plan; it decides nothing. A criterion from the other register shows as "not known" unless
 * the client has consented to sharing (decision 030).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CriterionResult } from '@ovi/domain';
import { fetchMyWorkTeams } from '../api/workTeams.resource';
import { useSession } from '../auth/SessionContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { TableWrap } from '../components/TableWrap';
import { useAsync } from '../components/useAsync';
import { formatDate } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { fetchHighNeed, type HighNeedClient } from './segmentation.resource';

function CriterionItem({ criterion, client }: { criterion: CriterionResult; client: HighNeedClient }) {
  const { t } = useTranslation();
  const mark = criterion.met === true ? '✓' : criterion.met === null ? '?' : '–';
  const state = criterion.met === true ? 'met' : criterion.met === null ? 'unknown' : 'notMet';
  const f = client.facts;
  const detail = {
    'many-contacts': t('segmentation.highNeed.detail.contacts', { contacts: f.contacts, visits: f.visits }),
    'several-services': t('segmentation.highNeed.detail.services', { count: f.services }),
    'both-registers': criterion.met === null ? t('segmentation.highNeed.detail.otherRegister') : t('segmentation.highNeed.detail.open', { health: f.openHealth ?? 0, social: f.openSocial ?? 0 }),
    segment: f.latestSegment ? t('segmentation.highNeed.detail.segment', { segment: t(`segmentation.segment.${f.latestSegment}`) }) : t('segmentation.highNeed.detail.noSegment'),
  }[criterion.id];
  return (
    <li className={`criterion criterion-${state}`}>
      <span aria-hidden="true">{mark} </span>
      <span className="visually-hidden">{t(`segmentation.highNeed.state.${state}`)}: </span>
      {t(`segmentation.highNeed.criterion.${criterion.id}`)} <span className="muted">({detail})</span>
    </li>
  );
}

export function HighNeedPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { user } = useSession();
  const teams = useAsync(() => fetchMyWorkTeams(user?.fhirUser ?? ''), [user?.fhirUser]);
  const [chosen, setChosen] = useState<string>();
  const team = chosen ?? teams.data?.[0]?.reference;
  const list = useAsync(async () => (team ? fetchHighNeed(team) : undefined), [team]);

  return (
    <>
      <PageHeading title={t('segmentation.highNeed.title')}>{t('segmentation.highNeed.title')}</PageHeading>
      <p>{t('segmentation.highNeed.intro')}</p>
      {teams.loading && !teams.data && <Loading />}
      {teams.error !== undefined && <ErrorMessage error={teams.error} onRetry={teams.reload} />}
      {teams.data && teams.data.length === 0 && <p className="notice">{t('segmentation.highNeed.noTeam')}</p>}
      {teams.data && teams.data.length > 1 && (
        <div className="field">
          <label htmlFor="high-need-team">{t('segmentation.highNeed.team')}</label>
          <select id="high-need-team" value={team} onChange={(e) => setChosen(e.target.value)}>
            {teams.data.map((w) => (
              <option key={w.reference} value={w.reference}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {list.loading && team && !list.data && <Loading />}
      {list.error !== undefined && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.data && (
        <section className="panel" aria-labelledby="high-need-list-title">
          <h2 id="high-need-list-title">{t('segmentation.highNeed.listTitle', { team: list.data.team.name ?? list.data.team.reference, count: list.data.clients.length })}</h2>
          <p className="muted small">
            {t('segmentation.highNeed.basis', { since: formatDate(list.data.since, lang), contacts: list.data.settings.minContacts, services: list.data.settings.minServices, criteria: list.data.settings.minCriteria })}
          </p>
          {list.data.clients.length === 0 ? (
            <p>{t('segmentation.highNeed.none')}</p>
          ) : (
            <TableWrap labelledBy="high-need-list-title">
              <table className="table" data-testid="high-need-list">
                <thead>
                  <tr>
                    <th scope="col">{t('segmentation.highNeed.client')}</th>
                    <th scope="col">{t('segmentation.highNeed.criteria')}</th>
                    <th scope="col">{t('segmentation.highNeed.plan')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.clients.map((c) => (
                    <tr key={c.patient}>
                      <th scope="row">
                        {c.name}
                        {c.birthDate && <div className="muted small">{t('common.born', { date: formatDate(c.birthDate, lang) })}</div>}
                      </th>
                      <td>
                        <ul className="plain-list">
                          {c.criteria.map((cr) => (
                            <CriterionItem key={cr.id} criterion={cr} client={c} />
                          ))}
                        </ul>
                      </td>
                      <td>{c.facts.hasSharedPlan ? t('segmentation.highNeed.hasPlan') : t('segmentation.highNeed.noPlan')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </section>
      )}
    </>
  );
}

/**
 * Continuity of care on the access page: per unit and profession, over the visits realised in
 * the chosen period, the clients' mean UPC and COCI and the share of visits with their own
 * team (decision 021). Fetched on its own so that the waits show even while it loads.
 */
import { useTranslation } from 'react-i18next';
import { fetchContinuity } from '../api/continuity.resource';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { TableWrap } from '../components/TableWrap';
import { useAsync } from '../components/useAsync';
import { formatNumber, formatPercent, formatPeriod } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

export function ContinuityTable({ search }: { search: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const figures = useAsync(() => fetchContinuity(search), [search]);
  const f = figures.data;
  const period = f ? formatPeriod(f.period, lang) : '';
  const hidden = t('common.hidden');
  const index = (v: number | null) => (v === null ? hidden : formatNumber(v, lang));
  const count = (v: number | null) => (v === null ? hidden : formatNumber(v, lang));

  return (
    <section aria-labelledby="continuity-title" data-testid="continuity">
      <h2 id="continuity-title">{t('continuity.title')}</h2>
      <p>{t('continuity.intro', { count: f?.minVisits ?? 2 })}</p>
      {figures.loading && !f && <Loading />}
      {figures.error !== undefined && <ErrorMessage error={figures.error} onRetry={figures.reload} />}
      {f && (
        <>
          <p className="muted small" data-testid="continuity-period">
            {t('continuity.ofPeriod', { period })}
          </p>
          {f.groups.length === 0 ? (
            <p className="empty">{t('continuity.none')}</p>
          ) : (
            <TableWrap labelledBy="continuity-caption">
              <table className="table" data-testid="continuity-table">
                <caption id="continuity-caption">{t('continuity.caption', { period })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('continuity.group')}</th>
                    <th scope="col" className="num">{t('continuity.clients')}</th>
                    <th scope="col" className="num">{t('continuity.upc')}</th>
                    <th scope="col" className="num">{t('continuity.coci')}</th>
                    <th scope="col" className="num">{t('continuity.ownTeam')}</th>
                    <th scope="col" className="num">{t('continuity.fewerVisits', { count: f.minVisits })}</th>
                  </tr>
                </thead>
                <tbody>
                  {f.groups.map((g) => (
                    <tr key={`${g.unit}|${g.profession}`} data-unit={g.unit} data-profession={g.profession}>
                      <th scope="row">
                        {g.unitName}, {t(`profession.${g.profession}`, { defaultValue: g.profession })}
                        {g.scope === 'one-professional' && <span className="one-professional"> {t('continuity.oneProfessional')}</span>}
                      </th>
                      <td className="num">{count(g.clients)}</td>
                      <td className="num">{index(g.meanUpc)}</td>
                      <td className="num">{index(g.meanCoci)}</td>
                      <td className="num">{g.ownTeamShare === null ? hidden : formatPercent(g.ownTeamShare, lang)}</td>
                      <td className="num">{count(g.clientsWithFewerVisits)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <p className="muted small">{t('continuity.explain')}</p>
        </>
      )}
    </section>
  );
}

/**
 * T3 on the dashboard's access page, reused from the access measures (decision 018): measured
 * now, per unit and profession, a fully booked professional at the horizon's cap. The chart
 * (T3Chart) is the access page's own, with its table.
 */
import { useTranslation } from 'react-i18next';
import { fetchAccessMeasures } from '../api/access.resource';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { useAsync } from '../components/useAsync';
import { formatDateTime, formatNumber } from '../i18n/format';
import { TableWrap } from '../components/TableWrap';
import { useLanguage } from '../i18n/useLanguage';
import { T3Chart } from '../manager/T3Chart';

export function T3Panel({ unit }: { unit?: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const measures = useAsync(() => fetchAccessMeasures('', 't3'), []);
  const m = measures.data;
  // The unit filter names an Organization; T3 rows name the Location and its unit name, so a unit view shows all (said so).
  return (
    <section className="panel indicator" aria-labelledby="dashboard-t3-title" data-testid="dashboard-t3">
      <h2 id="dashboard-t3-title">{t('access.t3Title')}</h2>
      <p>{t('access.t3Intro')}</p>
      <p className="muted small">{t('accessMeasures.t3Cap', { days: m?.t3CapDays ?? 182 })}</p>
      {unit && <p className="muted small">{t('dashboard.t3AllUnits')}</p>}
      {measures.loading && !m && <Loading />}
      {measures.error !== undefined && <ErrorMessage error={measures.error} onRetry={measures.reload} />}
      {m?.measuredAt && <p className="muted small">{t('figuresPeriod.t3Now', { time: formatDateTime(m.measuredAt, lang) })}</p>}
      {m && m.t3.length === 0 && <p className="empty">{t('access.noT3')}</p>}
      {m && m.t3.length > 0 && (
        <>
          <T3Chart rows={m.t3} titleId="dashboard-t3-title" />
          <TableWrap labelledBy="dashboard-t3-caption">
            <table className="table table-compact" data-testid="table-t3">
              <caption id="dashboard-t3-caption">{t('access.t3Caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('access.unit')}</th>
                  <th scope="col">{t('access.profession')}</th>
                  <th scope="col" className="num">{t('access.t3')}</th>
                  <th scope="col" className="num">{t('access.professionals')}</th>
                  <th scope="col" className="num">{t('accessMeasures.atCap')}</th>
                </tr>
              </thead>
              <tbody>
                {m.t3.map((r) => (
                  <tr key={`${r.unit}|${r.profession}`}>
                    <th scope="row">{r.unitName}</th>
                    <td>
                      {t(`profession.${r.profession}`, { defaultValue: r.profession })}
                      {r.scope === 'one-professional' && ` ${t('figuresPeriod.oneProfessionalRow')}`}
                    </td>
                    <td className="num">{r.t3Days === null ? t('common.hidden') : formatNumber(r.t3Days, lang)}</td>
                    <td className="num">{r.professionals === null ? t('common.hidden') : formatNumber(r.professionals, lang)}</td>
                    <td className="num">{r.atCap === null ? t('common.hidden') : formatNumber(r.atCap, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </section>
  );
}

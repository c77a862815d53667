/** Managers: the mean change in goal attainment per service and per method over all shared plans; groups under five hidden. */
import { useTranslation } from 'react-i18next';
import type { AvainItem, GroupChange } from '@ovi/domain';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useAsync } from '../components/useAsync';
import { useLanguage } from '../i18n/useLanguage';
import { fetchAggregated } from './carePlan.resource';
import { TableWrap } from '../components/TableWrap';

/** `embedded`: a section of the dashboard's continuity page (its own page redirects there) rather than a page of its own. */
export function OutcomeFigures({ embedded = false }: { embedded?: boolean }) {
  const { t } = useTranslation();
  const figures = useAsync(() => fetchAggregated(), []);
  const content = (
    <>
      {embedded ? <h2 id="plan-outcomes-heading">{t('carePlan.figures.title')}</h2> : <PageHeading title={t('carePlan.figures.title')}>{t('carePlan.figures.title')}</PageHeading>}
      <p className={embedded ? undefined : 'lead'}>{t('carePlan.figures.intro')}</p>
      {figures.loading && !figures.data && <Loading />}
      {figures.error !== undefined && <ErrorMessage error={figures.error} onRetry={figures.reload} />}
      {figures.data && (
        <>
          <GroupTable caption={t('carePlan.figures.byService')} rows={figures.data.services} items={figures.data.settings.services} testId="figures-services" />
          <GroupTable caption={t('carePlan.figures.byMethod')} rows={figures.data.methods} items={figures.data.settings.methods} testId="figures-methods" />
        </>
      )}
    </>
  );
  return embedded ? <section className="panel" aria-labelledby="plan-outcomes-heading" data-testid="plan-outcomes">{content}</section> : content;
}

function GroupTable({ caption, rows, items, testId }: { caption: string; rows: GroupChange[]; items: AvainItem[]; testId: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <TableWrap labelledBy={`${testId}-caption`}>
      <table data-testid={testId}>
        <caption id={`${testId}-caption`}>{caption}</caption>
        <thead><tr><th scope="col">{t('carePlan.figures.group')}</th><th scope="col">{t('carePlan.figures.clients')}</th><th scope="col">{t('carePlan.figures.meanChange')}</th></tr></thead>
        <tbody>
          {rows.length === 0 && <tr><td colSpan={3}>{t('carePlan.figures.none')}</td></tr>}
          {rows.map((r) => (
            <tr key={r.code}>
              <th scope="row">{items.find((i) => i.code === r.code)?.display[lang] ?? r.code}</th>
              <td>{r.clients ?? t('carePlan.figures.hidden')}</td>
              <td>{r.meanChange === null ? t('carePlan.figures.hidden') : r.meanChange > 0 ? `+${r.meanChange}` : String(r.meanChange)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

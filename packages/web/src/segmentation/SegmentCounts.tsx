/** Managers: clients by latest segment and municipality, never names; a hidden count is a group under five or one that would reveal it. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { TableWrap } from '../components/TableWrap';
import { useAsync } from '../components/useAsync';
import { useLanguage } from '../i18n/useLanguage';
import { fetchSegmentSummary } from './segmentation.resource';

/** `embedded`: a section of the dashboard's demand page (its own page redirects there) rather than a page of its own. */
export function SegmentCounts({ embedded = false }: { embedded?: boolean }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const summary = useAsync(() => fetchSegmentSummary(lang), [lang]);
  const shown = (n: number | null) => (n === null ? t('segmentation.counts.hidden') : String(n));
  const data = summary.data;
  return (
    <Wrapper embedded={embedded}>
      {embedded ? <h2 id="segment-counts-heading">{t('segmentation.counts.title')}</h2> : <PageHeading title={t('segmentation.counts.title')}>{t('segmentation.counts.title')}</PageHeading>}
      <p>{t('segmentation.counts.intro')}</p>
      {summary.loading && !data && <Loading />}
      {summary.error !== undefined && <ErrorMessage error={summary.error} onRetry={summary.reload} />}
      {data && data.municipalities.length === 0 && <p>{t('segmentation.counts.none')}</p>}
      {data && data.municipalities.length > 0 && (
        <section className="panel" aria-labelledby="segment-counts-title">
          <h2 id="segment-counts-title">{t('segmentation.counts.tableTitle')}</h2>
          <TableWrap labelledBy="segment-counts-title">
            <table className="table" data-testid="segment-counts">
              <thead>
                <tr>
                  <th scope="col">{t('segmentation.counts.segment')}</th>
                  {data.municipalities.map((m) => (
                    <th scope="col" key={m.code}>
                      {m.name ?? (m.code || t('segmentation.counts.noMunicipality'))}
                    </th>
                  ))}
                  <th scope="col">{t('segmentation.counts.total')}</th>
                </tr>
              </thead>
              <tbody>
                {data.segments.map((s) => (
                  <tr key={s.segment}>
                    <th scope="row">{s.label}</th>
                    {data.municipalities.map((m) => (
                      <td key={m.code}>{shown(data.cells.find((c) => c.segment === s.segment && c.municipality === m.code)?.count ?? null)}</td>
                    ))}
                    <td>{shown(data.bySegment.find((b) => b.segment === s.segment)?.count ?? null)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t('segmentation.counts.total')}</th>
                  {data.municipalities.map((m) => (
                    <td key={m.code}>{shown(data.byMunicipality.find((b) => b.municipality === m.code)?.count ?? null)}</td>
                  ))}
                  <td>{shown(data.total)}</td>
                </tr>
              </tbody>
            </table>
          </TableWrap>
          <p className="muted small">{t('segmentation.counts.rule')}</p>
        </section>
      )}
    </Wrapper>
  );
}

function Wrapper({ embedded, children }: { embedded: boolean; children: ReactNode }) {
  return embedded ? <section aria-labelledby="segment-counts-heading" data-testid="segment-counts-section">{children}</section> : <>{children}</>;
}

/** A client's segments, newest first: when, which, by whom, and the two scores. */
import { useTranslation } from 'react-i18next';
import { TableWrap } from '../components/TableWrap';
import { formatDate } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import type { SegmentEntry } from './segmentation.resource';

export function SegmentHistory({ history, headingId }: { history: SegmentEntry[]; headingId: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  if (history.length === 0) return <p className="muted">{t('segmentation.history.none')}</p>;
  return (
    <TableWrap labelledBy={headingId}>
      <table className="table" data-testid="segment-history">
        <thead>
          <tr>
            <th scope="col">{t('segmentation.history.date')}</th>
            <th scope="col">{t('segmentation.history.segment')}</th>
            <th scope="col">{t('segmentation.history.scores')}</th>
            <th scope="col">{t('segmentation.history.by')}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr key={h.id}>
              <td>{h.at ? formatDate(h.at, lang) : ''}</td>
              <td>{h.label}</td>
              <td>{t('segmentation.history.scoreValues', { resources: h.resourcesScore ?? '–', demand: h.demandScore ?? '–' })}</td>
              <td>{h.by ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Admin, read-only: visit types and each professional's weekly template, one row per weekday. */
import { useTranslation } from 'react-i18next';
import { pickText } from '../api/fhir';
import { fetchScheduleTemplates } from '../api/schedule.resource';
import { modesText } from '../components/appointment/visitLabels';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { TableWrap } from '../components/TableWrap';
import { useAsync } from '../components/useAsync';
import { useLanguage } from '../i18n/useLanguage';
import { TemplateWeek } from './TemplateWeek';

export function ScheduleTemplates() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const data = useAsync(fetchScheduleTemplates, []);
  const d = data.data;

  return (
    <>
      <PageHeading title={t('adminSchedules.title')}>{t('adminSchedules.title')}</PageHeading>
      <p className="lead">{t('adminSchedules.intro')}</p>
      <p className="muted">{t('admin.readOnly')}</p>
      {data.loading && !d && <Loading />}
      {data.error !== undefined && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {d && (
        <>
          <TableWrap labelledBy="visit-types-caption">
            <table className="table table-stack" data-testid="visit-types">
              <caption id="visit-types-caption">{t('adminSchedules.visitTypes')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('adminSchedules.name')}</th>
                  <th scope="col">{t('adminSchedules.code')}</th>
                  <th scope="col">{t('adminSchedules.minutes')}</th>
                  <th scope="col">{t('adminSchedules.modes')}</th>
                  <th scope="col">{t('adminSchedules.selfBookable')}</th>
                  <th scope="col">{t('adminSchedules.nonUrgent')}</th>
                </tr>
              </thead>
              <tbody>
                {d.visitTypes.map((v) => (
                  <tr key={v.code}>
                    <th scope="row">{pickText(v.label, lang) || v.code}</th>
                    <td data-label={t('adminSchedules.code')}>
                      <code>{v.code}</code>
                    </td>
                    <td data-label={t('adminSchedules.minutes')}>{v.minutes !== undefined ? t('adminSchedules.minutesValue', { count: v.minutes }) : ''}</td>
                    <td data-label={t('adminSchedules.modes')}>{modesText(v.modes, t)}</td>
                    <td data-label={t('adminSchedules.selfBookable')}>{v.selfBookable ? t('common.yes') : t('common.no')}</td>
                    <td data-label={t('adminSchedules.nonUrgent')}>{v.nonUrgent ? t('common.yes') : t('common.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <h2>{t('adminSchedules.templates')}</h2>
          {d.templates.length === 0 ? (
            <p className="empty">{t('adminSchedules.empty')}</p>
          ) : (
            d.templates.map((template) => <TemplateWeek key={template.id} template={template} visitTypes={d.visitTypes} />)
          )}
        </>
      )}
    </>
  );
}

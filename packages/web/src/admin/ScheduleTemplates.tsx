/**
 * Admin: visit types (read only) and each professional's weekly template, one row per weekday,
 * with its version and history. A template is changed in place: the change is listed in words
 * before it is saved; saving makes the free times again and tells what that did.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pickText } from '../api/fhir';
import { fetchScheduleTemplates } from '../api/schedule.resource';
import { toWeeklyTemplate, type SlotChanges } from '../api/scheduleTemplateEdit.resource';
import { modesText } from '../components/appointment/visitLabels';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { TableWrap } from '../components/TableWrap';
import { useAsync } from '../components/useAsync';
import { useLanguage } from '../i18n/useLanguage';
import { TemplateWeek } from './TemplateWeek';
import { TemplateForm } from './editing/TemplateForm';
import { useFocusAfterRender } from './editing/useChangeReview';

export function ScheduleTemplates() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [reloadKey, setReloadKey] = useState(0);
  const data = useAsync(fetchScheduleTemplates, [reloadKey]);
  const d = data.data;
  const [editing, setEditing] = useState<string>();
  const [saved, setSaved] = useState<{ id: string; slots?: SlotChanges }>();
  const setFocusId = useFocusAfterRender();

  const savedNotice = (id: string) =>
    saved?.id === id ? (
      <div id={`template-saved-${id}`} className="notice notice-success" role="status" tabIndex={-1} data-testid="template-saved">
        <p>{t('adminEdit.templates.saved')}</p>
        {saved.slots && (
          <p>
            {t('adminEdit.templates.slots', { created: saved.slots.created, withdrawn: saved.slots.withdrawn, kept: saved.slots.keptBooked })}
            {saved.slots.bookedInTheWay.length > 0 && ` ${t('adminEdit.templates.bookedInTheWay', { count: saved.slots.bookedInTheWay.length })}`}
          </p>
        )}
      </div>
    ) : undefined;

  return (
    <>
      <PageHeading title={t('adminSchedules.title')}>{t('adminSchedules.title')}</PageHeading>
      <p className="lead">{t('adminSchedules.intro')}</p>
      <p>{t('adminEdit.templates.intro')}</p>
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
            d.templates.map((template) =>
              editing === template.id ? (
                <section key={template.id} aria-label={template.practitionerName || template.practitioner}>
                  <TemplateForm
                    template={toWeeklyTemplate(template)}
                    name={template.practitionerName || template.practitioner}
                    visitTypes={d.visitTypes}
                    onSaved={(slots) => {
                      setSaved({ id: template.id, slots });
                      setEditing(undefined);
                      setReloadKey((k) => k + 1);
                      setFocusId(`template-saved-${template.id}`);
                    }}
                    onCancel={() => {
                      setEditing(undefined);
                      setFocusId(`template-edit-${template.id}`);
                    }}
                  />
                </section>
              ) : (
                <TemplateWeek
                  key={template.id}
                  template={template}
                  visitTypes={d.visitTypes}
                  reloadKey={reloadKey}
                  notice={savedNotice(template.id)}
                  editDisabled={editing !== undefined}
                  onEdit={() => {
                    setSaved(undefined);
                    setEditing(template.id);
                  }}
                />
              ),
            )
          )}
        </>
      )}
    </>
  );
}

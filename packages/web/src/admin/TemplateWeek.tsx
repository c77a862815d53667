/**
 * One professional's weekly template: where, how long it is valid, and the times per weekday;
 * its version with a link to its history, and (for the editing page) a button to change it.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { pickText } from '../api/fhir';
import type { TemplateView, VisitTypeView } from '../api/schedule.resource';
import { templateHistoryPath } from '../api/settingHistory.resource';
import { SettingHistory, VersionLine } from './editing/SettingHistory';
import type { WeeklyTemplate } from '../api/scheduleTemplateEdit.resource';
import { templateInWords } from './editing/templateDraft';
import { useHistoryPanel, useLatestVersion } from './editing/useChangeReview';
import { modesText } from '../components/appointment/visitLabels';
import { TableWrap } from '../components/TableWrap';
import { formatDate } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

interface Props {
  template: TemplateView;
  visitTypes: VisitTypeView[];
  /** Changes when the template was saved, so its version and history load again. */
  reloadKey?: unknown;
  onEdit?: () => void;
  editDisabled?: boolean;
  /** Shown under the heading (e.g. what saving did). */
  notice?: ReactNode;
}

export function TemplateWeek({ template, visitTypes, reloadKey, onEdit, editDisabled, notice }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const historyPath = templateHistoryPath(template.id);
  const latest = useLatestVersion(historyPath, reloadKey);
  const history = useHistoryPanel();
  const name = template.practitionerName || template.practitioner;
  const captionId = `template-${template.id}-caption`;
  const visitName = (code: string) => pickText(visitTypes.find((v) => v.code === code)?.label, lang) || code;
  const validity = template.validFrom
    ? template.validTo
      ? t('adminSchedules.validRange', { from: formatDate(template.validFrom, lang), to: formatDate(template.validTo, lang) })
      : t('adminSchedules.validFrom', { from: formatDate(template.validFrom, lang) })
    : '';
  // Weekend rows only when the template has times then.
  const days = WEEKDAYS.filter((d) => d <= 5 || template.blocks.some((b) => b.weekday === d));

  return (
    <section className="panel" aria-labelledby={`template-${template.id}-title`} data-testid="schedule-template" data-template-id={template.id}>
      <h3 id={`template-${template.id}-title`}>{name}</h3>
      <p className="muted">{[template.locationName || template.location, validity].filter(Boolean).join(' · ')}</p>
      {notice}
      {latest && <VersionLine version={latest.version} latest={latest} historyId={`template-${template.id}-history`} onShowHistory={history.showHistory} testId="template-version" />}
      <TableWrap labelledBy={captionId}>
        <table className="table">
          <caption id={captionId} className="visually-hidden">
            {t('adminSchedules.templateCaption', { name })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('adminSchedules.weekday')}</th>
              <th scope="col">{t('adminSchedules.blocks')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => {
              const blocks = template.blocks.filter((b) => b.weekday === day);
              return (
                <tr key={day}>
                  <th scope="row">{t(`weekday.${day}`)}</th>
                  <td>
                    {blocks.length === 0 ? (
                      <span className="muted">{t('adminSchedules.noBlocks')}</span>
                    ) : (
                      <ul className="plain-list">
                        {blocks.map((b, i) => (
                          <li key={`${b.start}-${i}`}>
                            <strong>
                              {b.start}–{b.end}
                            </strong>{' '}
                            {visitName(b.visitType)} <span className="muted">({modesText(b.modes, t)})</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      {onEdit && (
        <div className="button-row">
          <button type="button" id={`template-edit-${template.id}`} className="button button-secondary" disabled={editDisabled} aria-label={t('adminEdit.templates.editLabel', { name })} data-testid="template-edit" onClick={onEdit}>
            {t('adminEdit.templates.edit')}
          </button>
        </div>
      )}
      <SettingHistory<WeeklyTemplate>
        id={`template-${template.id}-history`}
        path={historyPath}
        title={t('adminEdit.templates.historyTitle', { name })}
        level={4}
        open={history.open}
        onToggle={history.setOpen}
        focusKey={history.focusKey}
        reloadKey={reloadKey}
        currentVersion={latest?.version}
        renderValue={(value) => (
          <ul className="plain-list">
            {templateInWords(value, visitTypes, t, lang).map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        )}
        testId="template-history"
      />
    </section>
  );
}

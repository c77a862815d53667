/** One professional's weekly template: where, how long it is valid, and the times per weekday. */
import { useTranslation } from 'react-i18next';
import { pickText } from '../api/fhir';
import type { TemplateView, VisitTypeView } from '../api/schedule.resource';
import { modesText } from '../components/appointment/visitLabels';
import { TableWrap } from '../components/TableWrap';
import { formatDate } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

export function TemplateWeek({ template, visitTypes }: { template: TemplateView; visitTypes: VisitTypeView[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
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
    </section>
  );
}

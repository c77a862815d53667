/**
 * Admin: the small settings in one page, a section each: how many working days a message may
 * wait for an answer, how long a wait-list offer stays open and how many a waiting visit gets at
 * once, and the self-monitoring danger limits and work-item deadlines (bounded on the server:
 * docs/SAFETY.md H15).
 */
import { useTranslation } from 'react-i18next';
import type { DangerRule, Severity } from '@ovi/domain/src/selfMonitoring/settings';
import { QUANTITIES } from '@ovi/domain/src/selfMonitoring/measures';
import { DANGER_LIMIT_BOUNDS } from '@ovi/domain/src/selfMonitoring/dangerBounds';
import type { MessageSettingsView, SelfMonitoringSettingsView, WaitListSettingsView } from '../../api/smallSettings.resource';
import { PageHeading } from '../../components/PageHeading';
import { SettingSection, type NumberField } from './SettingSection';

const SEVERITIES: Severity[] = ['danger', 'outside-target', 'missing'];

export function SmallSettings() {
  const { t } = useTranslation();

  const messageFields = (): Array<NumberField<MessageSettingsView>> => [
    {
      path: 'replyWorkingDays',
      label: t('adminSettings.messages.replyWorkingDays'),
      hint: t('adminSettings.messages.replyWorkingDaysHint'),
      whole: true,
      get: (v) => v.replyWorkingDays,
      set: (v, n) => ({ ...v, replyWorkingDays: n }),
      refused: t('adminSettings.messages.replyWorkingDaysRefused'),
    },
  ];

  const waitListFields = (): Array<NumberField<WaitListSettingsView>> => [
    { path: 'offerHours', label: t('adminSettings.waitList.offerHours'), hint: t('adminSettings.waitList.offerHoursHint'), whole: true, get: (v) => v.offerHours, set: (v, n) => ({ ...v, offerHours: n }), refused: t('adminSettings.waitList.offerHoursRefused') },
    { path: 'maxOffersEach', label: t('adminSettings.waitList.maxOffersEach'), hint: t('adminSettings.waitList.maxOffersEachHint'), whole: true, get: (v) => v.maxOffersEach, set: (v, n) => ({ ...v, maxOffersEach: n }), refused: t('adminSettings.waitList.maxOffersEachRefused') },
  ];

  const dangerField = (rule: DangerRule, index: number): NumberField<SelfMonitoringSettingsView> => {
    const direction = rule.atLeast !== undefined ? 'atLeast' : 'below';
    const bound = DANGER_LIMIT_BOUNDS.find((b) => b.quantity === rule.quantity && b.direction === direction);
    const unit = QUANTITIES[rule.quantity].unit.replace('mm[Hg]', 'mmHg');
    const quantity = t(`adminSettings.quantity.${rule.quantity}`, { defaultValue: rule.quantity });
    const limitWords = bound?.max !== undefined ? t('adminSettings.selfMonitoring.boundMax', { limit: bound.max, unit }) : bound?.min !== undefined ? t('adminSettings.selfMonitoring.boundMin', { limit: bound.min, unit }) : undefined;
    return {
      path: `danger[${index}].${direction}`,
      label: t(direction === 'atLeast' ? 'adminSettings.selfMonitoring.labelAtLeast' : 'adminSettings.selfMonitoring.labelBelow', { quantity, unit }),
      ...(limitWords ? { hint: limitWords } : {}),
      whole: QUANTITIES[rule.quantity].decimals === 0,
      get: (v) => v.danger[index]?.[direction],
      set: (v, n) => ({ ...v, danger: v.danger.map((r, i) => (i === index ? { ...r, [direction]: n } : r)) }),
      refused: limitWords ? t('adminSettings.selfMonitoring.refused', { bound: limitWords }) : t('adminSettings.refused'),
    };
  };

  const selfMonitoringFields = (stored: SelfMonitoringSettingsView): Array<NumberField<SelfMonitoringSettingsView>> => [
    ...stored.danger.map(dangerField),
    ...SEVERITIES.map(
      (severity): NumberField<SelfMonitoringSettingsView> => ({
        path: `deadlines.${severity}.hours`,
        label: t(`adminSettings.selfMonitoring.deadline.${severity}`),
        hint: t('adminSettings.selfMonitoring.deadlineHint'),
        whole: true,
        get: (v) => v.deadlines[severity]?.hours,
        set: (v, n) => ({ ...v, deadlines: { ...v.deadlines, [severity]: { ...v.deadlines[severity], hours: n } } }),
        refused: t('adminSettings.selfMonitoring.deadlineRefused'),
      }),
    ),
  ];

  return (
    <>
      <PageHeading title={t('adminSettings.title')}>{t('adminSettings.title')}</PageHeading>
      <p className="lead">{t('adminSettings.intro')}</p>
      <SettingSection<MessageSettingsView> name="message-settings" title={t('adminSettings.messages.title')} intro={t('adminSettings.messages.intro')} fieldsOf={messageFields} />
      <SettingSection<WaitListSettingsView> name="wait-list" title={t('adminSettings.waitList.title')} intro={t('adminSettings.waitList.intro')} fieldsOf={waitListFields} />
      <SettingSection<SelfMonitoringSettingsView> name="self-monitoring" title={t('adminSettings.selfMonitoring.title')} intro={t('adminSettings.selfMonitoring.intro')} fieldsOf={selfMonitoringFields} />
    </>
  );
}

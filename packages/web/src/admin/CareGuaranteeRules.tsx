/**
 * Admin: care-guarantee limits by service, urgency and age (the law and the region's own
 * promise) and their editing. Changes gather in a draft; the server checks them with the rest
 * of the configuration (every service contacts can reach needs a limit for every age) before
 * they can be saved as a new version. The version in use links to the history.
 */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchCareGuarantee, type CareGuaranteeConfig, type CareGuaranteeRule } from '../api/admin.resource';
import { fetchServices } from '../api/assessment.resource';
import { pickText } from '../api/fhir';
import { settingHistoryPath } from '../api/settingHistory.resource';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { TableWrap } from '../components/TableWrap';
import { UrgencyBadge } from '../components/UrgencyBadge';
import { useAsync } from '../components/useAsync';
import { formatDate } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { ChangeReview } from './editing/ChangeReview';
import { DraftBar } from './editing/DraftBar';
import { GuaranteeRuleForm } from './editing/GuaranteeRuleForm';
import { describeGuaranteeChanges, fromGuaranteeDraft, limitWords, newGuaranteeDraft, toGuaranteeDraft, type GuaranteeDraft } from './editing/guaranteeDraft';
import { SavedNotice, SettingHistory, VersionLine } from './editing/SettingHistory';
import { sameValue } from './editing/sameValue';
import { useFocusAfterRender, useHistoryPanel, useLatestVersion, useSettingDraft } from './editing/useChangeReview';

const HISTORY = settingHistoryPath('care-guarantee');

export function CareGuaranteeRules() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [reloadKey, setReloadKey] = useState(0);
  const data = useAsync(async () => {
    const [config, services] = await Promise.all([fetchCareGuarantee(), fetchServices().catch(() => [])]);
    return { config, services: services.map((s) => s.code) };
  }, [reloadKey]);
  const stored = data.data?.config;
  const [editing, setEditing] = useState<number | 'new'>();
  const [announce, setAnnounce] = useState('');
  const setFocusId = useFocusAfterRender();
  const history = useHistoryPanel();
  const latest = useLatestVersion(HISTORY, reloadKey);
  const reload = useCallback(() => setReloadKey((k) => k + 1), []);
  const { setDraft, value: config, dirty, savedVersion, review, busy, change } = useSettingDraft<CareGuaranteeConfig>({ name: 'care-guarantee', stored, savedFocusId: 'guarantee-saved', setFocusId, reload });

  const ages = (r: CareGuaranteeRule): string => {
    if (r.minAge !== undefined && r.maxAgeExclusive !== undefined) return t('admin.guarantee.ageRange', { from: r.minAge, to: r.maxAgeExclusive - 1 });
    if (r.minAge !== undefined) return t('admin.guarantee.ageFrom', { from: r.minAge });
    if (r.maxAgeExclusive !== undefined) return t('admin.guarantee.ageUnder', { to: r.maxAgeExclusive });
    return t('admin.guarantee.anyAge');
  };
  const inForce = (r: CareGuaranteeRule): string => {
    const from = r.inForce?.from;
    const until = r.inForce?.until;
    if (from && until) return t('adminEdit.guarantee.inForceRange', { from: formatDate(from, lang), until: formatDate(until, lang) });
    if (from) return t('adminEdit.guarantee.inForceFromValue', { from: formatDate(from, lang) });
    if (until) return t('adminEdit.guarantee.inForceUntilValue', { until: formatDate(until, lang) });
    return t('adminEdit.guarantee.always');
  };

  const done = (d: GuaranteeDraft) => {
    if (!config || editing === undefined) return;
    const rule = fromGuaranteeDraft(d);
    change({ ...config, rules: editing === 'new' ? [...config.rules, rule] : config.rules.map((r, i) => (i === editing ? rule : r)) });
    setAnnounce(t('adminEdit.draft.applied'));
    setEditing(undefined);
    setFocusId(`limit-edit-${rule.id}`);
  };

  const remove = (index: number) => {
    if (!config) return;
    const rule = config.rules[index];
    change({ ...config, rules: config.rules.filter((_, i) => i !== index) });
    setAnnounce(t('adminEdit.rules.removed', { rule: pickText(rule?.label, lang) || rule?.id }));
    setFocusId('limit-add');
  };

  const startFromVersion = (value: CareGuaranteeConfig, version: number) => {
    if (!stored) return;
    change({ ...stored, ...value, rules: value.rules ?? [], version: stored.version });
    setAnnounce(t('adminEdit.draft.fromVersion', { version }));
    setFocusId('guarantee-check');
  };

  const initial = config && editing !== undefined ? (editing === 'new' ? newGuaranteeDraft(config) : config.rules[editing] ? toGuaranteeDraft(config.rules[editing]) : undefined) : undefined;

  const ruleTable = (value: CareGuaranteeConfig, editable: boolean) => (
    <TableWrap labelledBy={editable ? 'guarantee-caption' : `guarantee-caption-v${value.version}`}>
      <table className="table table-stack" data-testid={editable ? 'care-guarantee' : undefined}>
        <caption id={editable ? 'guarantee-caption' : `guarantee-caption-v${value.version}`}>
          {editable && dirty ? t('adminEdit.guarantee.captionDraft', { version: stored?.version }) : t('admin.guarantee.caption', { version: value.version })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.guarantee.what')}</th>
            <th scope="col">{t('admin.guarantee.kind')}</th>
            <th scope="col">{t('service.label')}</th>
            <th scope="col">{t('urgency.label')}</th>
            <th scope="col">{t('admin.guarantee.ages')}</th>
            <th scope="col">{t('admin.guarantee.limit')}</th>
            <th scope="col">{t('adminEdit.guarantee.inForce')}</th>
            <th scope="col">{t('admin.guarantee.source')}</th>
            {editable && <th scope="col">{t('adminEdit.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {value.rules.map((r, index) => {
            const before = stored?.rules.find((x) => x.id === r.id);
            const state = editable && stored ? (!before ? 'new' : !sameValue(before, r) ? 'changed' : undefined) : undefined;
            const name = pickText(r.label, lang) || r.id;
            return (
              <tr key={r.id} data-testid={editable ? 'guarantee-rule' : undefined} data-rule-id={r.id}>
                <th scope="row">
                  {name}
                  {state && (
                    <>
                      {' '}
                      <span className={`badge ${state === 'new' ? 'badge-muted' : 'badge-changed'}`}>{t(`adminEdit.rules.state.${state}`)}</span>
                    </>
                  )}
                </th>
                <td data-label={t('admin.guarantee.kind')}>{r.kind === 'legal' || r.kind === 'regional' ? t(`admin.guarantee.${r.kind}`) : r.kind}</td>
                <td data-label={t('service.label')}>{t(`service.${r.service}`, { defaultValue: r.service })}</td>
                <td data-label={t('urgency.label')}>
                  <UrgencyBadge urgency={r.urgency} />
                </td>
                <td data-label={t('admin.guarantee.ages')}>{ages(r)}</td>
                <td data-label={t('admin.guarantee.limit')}>{limitWords(r, t)}</td>
                <td data-label={t('adminEdit.guarantee.inForce')}>{inForce(r)}</td>
                <td className="small" data-label={t('admin.guarantee.source')}>
                  {r.source ?? ''}
                </td>
                {editable && (
                  <td data-label={t('adminEdit.actions')}>
                    <div className="edit-actions">
                      <button type="button" id={`limit-edit-${r.id}`} className="button button-secondary" disabled={busy} aria-label={t('adminEdit.rules.editLabel', { rule: name })} data-testid="limit-edit" onClick={() => setEditing(index)}>
                        {t('adminEdit.edit')}
                      </button>
                      <button type="button" className="button button-secondary" disabled={busy} aria-label={t('adminEdit.rules.removeLabel', { rule: name })} data-testid="limit-remove" onClick={() => remove(index)}>
                        {t('adminEdit.remove')}
                      </button>
                    </div>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );

  return (
    <>
      <PageHeading title={t('admin.guarantee.title')}>{t('admin.guarantee.title')}</PageHeading>
      <p className="lead">{t('admin.guarantee.intro')}</p>
      {data.loading && !data.data && <Loading />}
      {data.error !== undefined && !data.data && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {stored && <VersionLine version={stored.version} latest={latest} historyId="guarantee-history" onShowHistory={history.showHistory} />}
      <SavedNotice id="guarantee-saved" version={savedVersion} />
      <div role="status" aria-live="polite" className="visually-hidden">
        {announce}
      </div>
      {config && initial && (
        <GuaranteeRuleForm
          key={String(editing)}
          initial={initial}
          services={data.data?.services ?? []}
          otherIds={config.rules.filter((_, i) => i !== editing).map((r) => r.id)}
          onDone={done}
          onCancel={() => {
            const back = editing === 'new' ? 'limit-add' : `limit-edit-${config.rules[editing ?? 0]?.id ?? ''}`;
            setEditing(undefined);
            setFocusId(back);
          }}
        />
      )}
      {config && stored && editing === undefined && (
        <>
          {config.officeHours && <p>{t('admin.guarantee.officeHours', { start: config.officeHours.start, end: config.officeHours.end, zone: config.timeZone })}</p>}
          {dirty && (
            <DraftBar
              name="guarantee"
              changes={describeGuaranteeChanges(stored, config, t, lang)}
              busy={busy}
              checking={review.phase === 'checking'}
              error={review.phase === 'editing' ? review.error : undefined}
              onCheck={() => void review.start(config)}
              onDiscard={() => {
                setDraft(undefined);
                setAnnounce(t('adminEdit.draft.discarded'));
                setFocusId('limit-add');
              }}
            />
          )}
          {(review.phase === 'review' || review.phase === 'saving') && review.preview && review.value && (
            <ChangeReview
              valid={review.preview.valid}
              problems={review.preview.problems}
              changes={
                <ul className="change-list">
                  {describeGuaranteeChanges(stored, review.value, t, lang).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              }
              effect={<p data-testid="guarantee-effect">{t('adminEdit.guarantee.effect')}</p>}
              saving={review.phase === 'saving'}
              error={review.error}
              confirmLabel={t('adminEdit.review.saveAs', { version: stored.version + 1 })}
              onConfirm={() => void review.confirm()}
              onBack={() => {
                review.back();
                setFocusId('guarantee-check');
              }}
            />
          )}
          {ruleTable(config, true)}
          <div className="button-row">
            <button type="button" id="limit-add" className="button button-secondary" disabled={busy} onClick={() => setEditing('new')} data-testid="limit-add">
              {t('adminEdit.guarantee.add')}
            </button>
          </div>
        </>
      )}
      {stored && (
        <SettingHistory<CareGuaranteeConfig>
          id="guarantee-history"
          path={HISTORY}
          open={history.open}
          onToggle={history.setOpen}
          focusKey={history.focusKey}
          reloadKey={reloadKey}
          currentVersion={stored.version}
          renderValue={(value) => ruleTable({ ...value, rules: value.rules ?? [] }, false)}
          onUse={editing === undefined ? startFromVersion : undefined}
        />
      )}
    </>
  );
}

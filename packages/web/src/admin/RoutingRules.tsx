/**
 * Admin: the routing rules in words (conditions → urgency, professional, service) and their
 * editing. Changes gather in a draft (edit, add, remove, reorder, or start from an old
 * version); "Check the change" asks the server what they would do to the latest contacts, and
 * only then can they be saved as a new version. The version in use links to the history.
 */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchRoutingRules, type RoutingRuleSet } from '../api/admin.resource';
import { fetchServices } from '../api/assessment.resource';
import { pickText } from '../api/fhir';
import { fetchContactQuestionnaire, questionsByLinkId } from '../api/questionnaire.resource';
import { settingHistoryPath } from '../api/settingHistory.resource';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { TableWrap } from '../components/TableWrap';
import { useAsync } from '../components/useAsync';
import { useLanguage } from '../i18n/useLanguage';
import { conditionText } from './conditionText';
import { ChangeReview } from './editing/ChangeReview';
import { DraftBar } from './editing/DraftBar';
import { RoutingEffect, RulesInWords } from './editing/RoutingPreview';
import { RoutingRuleForm } from './editing/RoutingRuleForm';
import { answerableQuestions, describeRuleChanges, fromRuleDraft, moveRule, nameRulesIn, newRuleDraft, toRuleDraft, type RuleDraft } from './editing/routingDraft';
import { SavedNotice, SettingHistory, VersionLine } from './editing/SettingHistory';
import { sameValue } from './editing/sameValue';
import { useFocusAfterRender, useHistoryPanel, useLatestVersion, useSettingDraft } from './editing/useChangeReview';
import { TargetCell } from './TargetCell';

const HISTORY = settingHistoryPath('routing-rules');
type Editing = { kind: 'rule'; index: number | 'new' } | { kind: 'fallback' };

export function RoutingRules() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [reloadKey, setReloadKey] = useState(0);
  const data = useAsync(async () => {
    const [rules, questionnaire, services] = await Promise.all([fetchRoutingRules(), fetchContactQuestionnaire().catch(() => undefined), fetchServices().catch(() => [])]);
    return { rules, items: questionnaire?.items ?? [], services: services.map((s) => s.code) };
  }, [reloadKey]);
  const stored = data.data?.rules;
  const byLinkId = useMemo(() => questionsByLinkId(data.data?.items ?? []), [data.data]);
  const questions = useMemo(() => answerableQuestions(data.data?.items ?? []), [data.data]);

  const [editing, setEditing] = useState<Editing>();
  const [announce, setAnnounce] = useState('');
  const setFocusId = useFocusAfterRender();
  const history = useHistoryPanel();
  const latest = useLatestVersion(HISTORY, reloadKey);
  const reload = useCallback(() => setReloadKey((k) => k + 1), []);
  const { setDraft, value: set, dirty, savedVersion, review, busy, change } = useSettingDraft<RoutingRuleSet>({ name: 'routing-rules', stored, savedFocusId: 'routing-saved', setFocusId, reload });

  const done = (ruleDraft: RuleDraft) => {
    if (!set || !editing) return;
    if (editing.kind === 'fallback') {
      change({ ...set, fallback: { urgency: ruleDraft.urgency, profession: ruleDraft.profession, service: ruleDraft.service, explanation: fromRuleDraft(ruleDraft, byLinkId).explanation } as RoutingRuleSet['fallback'] });
      setFocusId('fallback-edit');
    } else {
      const rule = fromRuleDraft(ruleDraft, byLinkId);
      const rules = editing.index === 'new' ? [...set.rules, rule] : set.rules.map((r, i) => (i === editing.index ? rule : r));
      change({ ...set, rules });
      setFocusId(`rule-edit-${rule.id}`);
    }
    setAnnounce(t('adminEdit.draft.applied'));
    setEditing(undefined);
  };

  const cancelEdit = () => {
    const back = editing?.kind === 'fallback' ? 'fallback-edit' : editing?.index === 'new' ? 'rule-add' : `rule-edit-${set?.rules[editing?.index ?? 0]?.id ?? ''}`;
    setEditing(undefined);
    setFocusId(back);
  };

  const move = (index: number, by: -1 | 1) => {
    if (!set) return;
    const rule = set.rules[index];
    change(moveRule(set, index, by));
    if (!rule) return;
    setAnnounce(t('adminEdit.rules.moved', { rule: pickText(rule.title, lang) || rule.id, position: index + by + 1 }));
    // The moved rule's own button keeps the focus; at either end the other direction takes it.
    const edge = index + by === 0 ? 'down' : index + by === set.rules.length - 1 ? 'up' : by === -1 ? 'up' : 'down';
    setFocusId(`rule-${edge}-${rule.id}`);
  };

  const remove = (index: number) => {
    if (!set) return;
    const rule = set.rules[index];
    change({ ...set, rules: set.rules.filter((_, i) => i !== index) });
    setAnnounce(t('adminEdit.rules.removed', { rule: pickText(rule?.title, lang) || rule?.id }));
    setFocusId('rule-add');
  };

  const startFromVersion = (value: RoutingRuleSet, version: number) => {
    if (!stored) return;
    const rules = [...(value.rules ?? [])].sort((a, b) => a.order - b.order);
    change({ ...value, rules, version: stored.version });
    setAnnounce(t('adminEdit.draft.fromVersion', { version }));
    setFocusId('routing-check');
  };

  const formInitial = (): RuleDraft | undefined => {
    if (!set || !editing) return undefined;
    if (editing.kind === 'fallback') {
      return { ...newRuleDraft(set), isNew: false, id: 'fallback', when: [], urgency: set.fallback.urgency, profession: set.fallback.profession, service: set.fallback.service, explanation: { ...set.fallback.explanation } };
    }
    const rule = editing.index === 'new' ? undefined : set.rules[editing.index];
    return rule ? toRuleDraft(rule) : newRuleDraft(set);
  };
  const initial = formInitial();

  return (
    <>
      <PageHeading title={t('admin.rules.title')}>{t('admin.rules.title')}</PageHeading>
      <p className="lead">{t('admin.rules.intro')}</p>
      {data.loading && !data.data && <Loading />}
      {data.error !== undefined && !data.data && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {stored && <VersionLine version={stored.version} latest={latest} historyId="routing-history" onShowHistory={history.showHistory} />}
      <SavedNotice id="routing-saved" version={savedVersion} />
      <div role="status" aria-live="polite" className="visually-hidden">
        {announce}
      </div>
      {set && editing && initial && (
        <RoutingRuleForm
          key={`${editing.kind}-${editing.kind === 'rule' ? editing.index : ''}`}
          mode={editing.kind}
          initial={initial}
          questions={questions}
          byLinkId={byLinkId}
          services={data.data?.services ?? []}
          otherIds={set.rules.filter((_, i) => editing.kind !== 'rule' || i !== editing.index).map((r) => r.id)}
          onDone={done}
          onCancel={cancelEdit}
        />
      )}
      {set && stored && !editing && (
        <>
          {dirty && (
            <DraftBar
              name="routing"
              changes={describeRuleChanges(stored, set, t, lang)}
              busy={busy}
              checking={review.phase === 'checking'}
              error={review.phase === 'editing' ? review.error : undefined}
              onCheck={() => void review.start(set)}
              onDiscard={() => {
                setDraft(undefined);
                setAnnounce(t('adminEdit.draft.discarded'));
                setFocusId('rule-add');
              }}
            />
          )}
          {(review.phase === 'review' || review.phase === 'saving') && review.preview && review.value && (
            <ChangeReview
              valid={review.preview.valid}
              problems={review.preview.problems.map((p) => nameRulesIn(p, review.value ?? set, lang))}
              changes={
                <ul className="change-list">
                  {describeRuleChanges(stored, review.value, t, lang).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              }
              effect={review.preview.dryRun ? <RoutingEffect dryRun={review.preview.dryRun} before={stored} after={review.value} /> : undefined}
              saving={review.phase === 'saving'}
              error={review.error}
              confirmLabel={t('adminEdit.review.saveAs', { version: stored.version + 1 })}
              onConfirm={() => void review.confirm()}
              onBack={() => {
                review.back();
                setFocusId('routing-check');
              }}
            />
          )}
          <TableWrap labelledBy="rules-caption">
            <table className="table table-stack" data-testid="routing-rules">
              <caption id="rules-caption">{dirty ? t('adminEdit.rules.captionDraft', { version: stored.version }) : t('admin.rules.caption', { version: stored.version })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.rules.order')}</th>
                  <th scope="col">{t('admin.rules.rule')}</th>
                  <th scope="col">{t('admin.rules.conditions')}</th>
                  <th scope="col">{t('admin.rules.result')}</th>
                  <th scope="col">{t('admin.rules.explanation')}</th>
                  <th scope="col">{t('adminEdit.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {set.rules.map((rule, index) => {
                  const before = stored.rules.find((r) => r.id === rule.id);
                  const state = !before ? 'new' : !sameValue(before, rule) ? 'changed' : undefined;
                  const name = pickText(rule.title, lang) || rule.id;
                  return (
                    <tr key={rule.id} data-testid="routing-rule" data-rule-id={rule.id}>
                      <td data-label={t('admin.rules.order')}>{index + 1}</td>
                      <th scope="row">
                        {name}
                        {state && (
                          <>
                            {' '}
                            <span className={`badge ${state === 'new' ? 'badge-muted' : 'badge-changed'}`}>{t(`adminEdit.rules.state.${state}`)}</span>
                          </>
                        )}
                      </th>
                      <td data-label={t('admin.rules.conditions')}>
                        <ul className="plain-list">
                          {rule.when.map((c, i) => (
                            <li key={i}>{conditionText(c, byLinkId, t, lang)}</li>
                          ))}
                        </ul>
                        {(rule.unless ?? []).length > 0 && (
                          <p className="small">
                            <em>{t('admin.rules.unless')}:</em> {(rule.unless ?? []).map((c) => conditionText(c, byLinkId, t, lang)).join(` ${t('admin.rules.and')} `)}
                          </p>
                        )}
                      </td>
                      <td data-label={t('admin.rules.result')}>
                        <TargetCell target={rule.then} />
                      </td>
                      <td data-label={t('admin.rules.explanation')}>{pickText(rule.explanation, lang)}</td>
                      <td data-label={t('adminEdit.actions')}>
                        <div className="edit-actions">
                          <button type="button" id={`rule-edit-${rule.id}`} className="button button-secondary" disabled={busy} aria-label={t('adminEdit.rules.editLabel', { rule: name })} data-testid="rule-edit" onClick={() => setEditing({ kind: 'rule', index })}>
                            {t('adminEdit.edit')}
                          </button>
                          <button type="button" id={`rule-up-${rule.id}`} className="button button-secondary" disabled={busy || index === 0} aria-label={t('adminEdit.rules.upLabel', { rule: name })} data-testid="rule-up" onClick={() => move(index, -1)}>
                            <span aria-hidden="true">↑</span> {t('adminEdit.up')}
                          </button>
                          <button
                            type="button"
                            id={`rule-down-${rule.id}`}
                            className="button button-secondary"
                            disabled={busy || index === set.rules.length - 1}
                            aria-label={t('adminEdit.rules.downLabel', { rule: name })}
                            data-testid="rule-down"
                            onClick={() => move(index, 1)}
                          >
                            <span aria-hidden="true">↓</span> {t('adminEdit.down')}
                          </button>
                          <button type="button" className="button button-secondary" disabled={busy} aria-label={t('adminEdit.rules.removeLabel', { rule: name })} data-testid="rule-remove" onClick={() => remove(index)}>
                            {t('adminEdit.remove')}
                          </button>
                        </div>
                      </td>
                    </tr>
                  );
                })}
                <tr data-testid="routing-fallback">
                  <td data-label={t('admin.rules.order')}>–</td>
                  <th scope="row">
                    {t('admin.rules.fallback')}
                    {!sameValue(stored.fallback, set.fallback) && (
                      <>
                        {' '}
                        <span className="badge badge-changed">{t('adminEdit.rules.state.changed')}</span>
                      </>
                    )}
                  </th>
                  <td data-label={t('admin.rules.conditions')}>–</td>
                  <td data-label={t('admin.rules.result')}>
                    <TargetCell target={set.fallback} />
                  </td>
                  <td data-label={t('admin.rules.explanation')}>{pickText(set.fallback.explanation, lang)}</td>
                  <td data-label={t('adminEdit.actions')}>
                    <button type="button" id="fallback-edit" className="button button-secondary" disabled={busy} aria-label={t('adminEdit.rules.editFallback')} data-testid="fallback-edit" onClick={() => setEditing({ kind: 'fallback' })}>
                      {t('adminEdit.edit')}
                    </button>
                  </td>
                </tr>
              </tbody>
            </table>
          </TableWrap>
          <div className="button-row">
            <button type="button" id="rule-add" className="button button-secondary" disabled={busy} onClick={() => setEditing({ kind: 'rule', index: 'new' })} data-testid="rule-add">
              {t('adminEdit.rules.add')}
            </button>
          </div>
        </>
      )}
      {stored && (
        <SettingHistory<RoutingRuleSet>
          id="routing-history"
          path={HISTORY}
          open={history.open}
          onToggle={history.setOpen}
          focusKey={history.focusKey}
          reloadKey={reloadKey}
          currentVersion={stored.version}
          renderValue={(value) => <RulesInWords set={value} questions={byLinkId} />}
          onUse={editing ? undefined : startFromVersion}
        />
      )}
    </>
  );
}

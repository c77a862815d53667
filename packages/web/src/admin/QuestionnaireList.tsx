/**
 * Admin: every questionnaire with its questions; its texts (three languages) and its status
 * (active or retired) can be changed, checked in words before saving; each shows its stored
 * version and links to its versions (who saved each; an old one can start a new change). Its
 * questions, answers and conditions are changed in the structure editor, checked by the server.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bundle, Questionnaire } from '@medplum/fhirtypes';
import { CONTACT_QUESTIONNAIRE_URL } from '@ovi/domain/src/codes';
import { api } from '../api/client';
import { FHIR_BASE, pickText, resourcesOf } from '../api/fhir';
import { toQuestionnaireView, type QuestionnaireView } from '../api/questionnaire.resource';
import { fetchQuestionnaireVersions, textsOfQuestionnaire, type StoredQuestionnaire } from '../api/questionnaireEdit.resource';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useAsync } from '../components/useAsync';
import { useLanguage } from '../i18n/useLanguage';
import { QuestionnaireForm } from './editing/QuestionnaireForm';
import { QuestionnaireStructureForm } from './editing/QuestionnaireStructureForm';
import { SavedNotice, SettingHistory, VersionLine } from './editing/SettingHistory';
import { useFocusAfterRender, useHistoryPanel } from './editing/useChangeReview';
import { QuestionOutline } from './QuestionOutline';

/** What is being edited: the texts and status, or the questions (from the stored version or an older one). */
type Editing = { kind: 'texts' } | { kind: 'structure'; startFrom?: StoredQuestionnaire };

interface Entry {
  raw: StoredQuestionnaire;
  view: QuestionnaireView;
}

async function fetchAll(): Promise<Entry[]> {
  const bundle = await api.get<Bundle>(`${FHIR_BASE}/Questionnaire?_count=100`);
  return resourcesOf<Questionnaire>(bundle, 'Questionnaire').map((q) => ({ raw: q as StoredQuestionnaire, view: toQuestionnaireView(q) }));
}

function QuestionnairePanel({ entry, all, reloadKey, editing, busy, saved, onEdit, onSaved, onCancel }: { entry: Entry; all: Entry[]; reloadKey: number; editing: Editing | undefined; busy: boolean; saved?: string; onEdit: (editing: Editing) => void; onSaved: (q: StoredQuestionnaire) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const history = useHistoryPanel();
  const { raw, view: q } = entry;
  const version = raw.meta?.versionId ?? '';
  const isContactForm = q.url === CONTACT_QUESTIONNAIRE_URL || q.url.endsWith('/Questionnaire/contact-request');
  const otherActive = all.filter((e) => e.raw.id !== raw.id && e.view.url === q.url && e.view.status === 'active').length;
  const historyId = `questionnaire-${q.id}-history`;
  const latest = { version: Number(version), updatedAt: raw.meta?.lastUpdated ?? '' };

  return (
    <section className="panel" aria-labelledby={`questionnaire-${q.id}`} data-testid="questionnaire" data-questionnaire-id={q.id}>
      <h2 id={`questionnaire-${q.id}`}>{pickText(q.title, lang) || q.url}</h2>
      {pickText(q.description, lang) && <p>{pickText(q.description, lang)}</p>}
      <SavedNotice id={`questionnaire-saved-${q.id}`} version={saved} />
      {version && <VersionLine version={version} latest={latest} historyId={historyId} onShowHistory={history.showHistory} testId="questionnaire-version" inUse={false} />}
      {editing?.kind === 'texts' ? (
        <QuestionnaireForm questionnaire={raw} isContactForm={isContactForm} otherActive={otherActive} onSaved={onSaved} onCancel={onCancel} />
      ) : editing?.kind === 'structure' ? (
        <QuestionnaireStructureForm questionnaire={raw} {...(editing.startFrom ? { startFrom: editing.startFrom } : {})} onSaved={onSaved} onCancel={onCancel} />
      ) : (
        <>
          <dl className="facts facts-inline">
            <div>
              <dt>{t('admin.questionnaires.status')}</dt>
              <dd>{t(`adminEdit.questionnaires.status.${q.status}`, { defaultValue: q.status })}</dd>
            </div>
            {q.version && (
              <div>
                <dt>{t('admin.questionnaires.version')}</dt>
                <dd>{q.version}</dd>
              </div>
            )}
            <div>
              <dt>URL</dt>
              <dd className="code">{q.url}</dd>
            </div>
          </dl>
          <div className="button-row">
            <button type="button" id={`questionnaire-edit-${q.id}`} className="button button-secondary" disabled={busy} aria-label={t('adminEdit.questionnaires.editLabel', { name: pickText(q.title, lang) || q.url })} data-testid="questionnaire-edit" onClick={() => onEdit({ kind: 'texts' })}>
              {t('adminEdit.questionnaires.edit')}
            </button>
            <button type="button" id={`questionnaire-structure-${q.id}`} className="button button-secondary" disabled={busy} aria-label={t('questionnaireStructure.editLabel', { name: pickText(q.title, lang) || q.url })} data-testid="questionnaire-structure-edit" onClick={() => onEdit({ kind: 'structure' })}>
              {t('questionnaireStructure.edit')}
            </button>
          </div>
          <details>
            <summary>
              {t('admin.questionnaires.showItems')} ({q.items.length})
            </summary>
            <QuestionOutline questions={q.items} all={q.items} />
          </details>
        </>
      )}
      <SettingHistory<StoredQuestionnaire>
        id={historyId}
        loadAll={() => fetchQuestionnaireVersions(raw.id)}
        level={3}
        open={history.open}
        onToggle={history.setOpen}
        focusKey={history.focusKey}
        reloadKey={`${reloadKey}-${version}`}
        currentVersion={version}
        {...(busy ? {} : { onUse: (value: StoredQuestionnaire) => onEdit({ kind: 'structure', startFrom: value }) })}
        renderValue={(value) => {
          const texts = textsOfQuestionnaire(value);
          return (
            <>
            <dl className="facts">
              <div>
                <dt>{t('admin.questionnaires.status')}</dt>
                <dd>{t(`adminEdit.questionnaires.status.${texts.status}`, { defaultValue: texts.status })}</dd>
              </div>
              {(['fi', 'sv', 'en'] as const).map((l) => (
                <div key={l}>
                  <dt>
                    {t('adminEdit.questionnaires.title')} ({t(`adminEdit.langShort.${l}`)})
                  </dt>
                  <dd lang={l}>{texts.title[l]}</dd>
                </div>
              ))}
            </dl>
            <QuestionOutline questions={toQuestionnaireView(value).items} all={toQuestionnaireView(value).items} />
            </>
          );
        }}
        testId="questionnaire-history"
      />
    </section>
  );
}

export function QuestionnaireList() {
  const { t } = useTranslation();
  const [reloadKey, setReloadKey] = useState(0);
  const list = useAsync(fetchAll, [reloadKey]);
  const [editing, setEditing] = useState<{ id: string } & Editing>();
  const [saved, setSaved] = useState<{ id: string; version: string }>();
  const setFocusId = useFocusAfterRender();
  return (
    <>
      <PageHeading title={t('admin.questionnaires.title')}>{t('admin.questionnaires.title')}</PageHeading>
      <p className="lead">{t('adminEdit.questionnaires.intro')}</p>
      {list.loading && !list.data && <Loading />}
      {list.error !== undefined && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.data && list.data.length === 0 && <p className="empty">{t('admin.questionnaires.empty')}</p>}
      {list.data?.map((entry) => (
        <QuestionnairePanel
          key={entry.raw.id}
          entry={entry}
          all={list.data ?? []}
          reloadKey={reloadKey}
          editing={editing?.id === entry.raw.id ? editing : undefined}
          busy={editing !== undefined}
          saved={saved?.id === entry.raw.id ? saved.version : undefined}
          onEdit={(what) => {
            setSaved(undefined);
            setEditing({ id: entry.raw.id, ...what });
          }}
          onSaved={(q) => {
            setEditing(undefined);
            setSaved({ id: entry.raw.id, version: q.meta?.versionId ?? '' });
            setReloadKey((k) => k + 1);
            setFocusId(`questionnaire-saved-${entry.raw.id}`);
          }}
          onCancel={() => {
            setFocusId(editing?.kind === 'structure' ? `questionnaire-structure-${entry.raw.id}` : `questionnaire-edit-${entry.raw.id}`);
            setEditing(undefined);
          }}
        />
      ))}
    </>
  );
}

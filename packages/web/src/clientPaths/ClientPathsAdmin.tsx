/**
 * The administrator's editor of the client paths: every text in Finnish, Swedish and English,
 * the steps, the linked services and the contact form's matter; a preview exactly as a
 * resident sees it (checked by the server, nothing stored); saving with If-Match, so a change
 * saved meanwhile by someone else is not overwritten (412); and the version history.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { SavedNotice, SettingHistory } from '../admin/editing/SettingHistory';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useAsync } from '../components/useAsync';
import type { Lang } from '../serviceFinder/serviceFinder.resource';
import {
  CLIENT_PATHS_HISTORY,
  fetchClientPathsSetting,
  previewClientPath,
  saveClientPaths,
  type ClientPathData,
  type ClientPathsSetting,
  type ShownClientPath,
  type Texts,
} from './clientPaths.resource';
import { ClientPathView } from './ClientPathView';

const LANGS: Lang[] = ['fi', 'sv', 'en'];

function TextsField({ id, label, value, long, onChange }: { id: string; label: string; value: Texts; long?: boolean; onChange: (v: Texts) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="field">
      <legend>{label}</legend>
      {LANGS.map((lang) => (
        <div key={lang} className="field">
          <label htmlFor={`${id}-${lang}`}>{t(`clientPaths.admin.lang.${lang}`)}</label>
          {long ? (
            <textarea id={`${id}-${lang}`} className="input" rows={3} value={value[lang] ?? ''} data-testid={`${id}-${lang}`} onChange={(e) => onChange({ ...value, [lang]: e.target.value })} />
          ) : (
            <input id={`${id}-${lang}`} className="input" value={value[lang] ?? ''} data-testid={`${id}-${lang}`} onChange={(e) => onChange({ ...value, [lang]: e.target.value })} />
          )}
        </div>
      ))}
    </fieldset>
  );
}

const emptyTexts = (): Texts => ({ fi: '', sv: '', en: '' });

export function ClientPathsAdmin() {
  const { t } = useTranslation();
  const [reloadKey, setReloadKey] = useState(0);
  const stored = useAsync(fetchClientPathsSetting, [reloadKey]);
  const [draft, setDraft] = useState<ClientPathsSetting>();
  const [chosen, setChosen] = useState(0);
  const [previewLang, setPreviewLang] = useState<Lang>('fi');
  const [preview, setPreview] = useState<ShownClientPath>();
  const [problem, setProblem] = useState<unknown>();
  const [stale, setStale] = useState(false);
  const [saved, setSaved] = useState<number>();
  const [busy, setBusy] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);

  const setting = draft ?? stored.data;
  const path = setting?.paths[chosen];
  const change = (next: ClientPathData) => {
    if (!setting) return;
    setDraft({ ...setting, paths: setting.paths.map((p, i) => (i === chosen ? next : p)) });
    setPreview(undefined);
    setSaved(undefined);
  };

  const runPreview = async () => {
    if (!path) return;
    setBusy(true);
    setProblem(undefined);
    try {
      setPreview(await previewClientPath(path, previewLang));
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!setting) return;
    setBusy(true);
    setProblem(undefined);
    setStale(false);
    try {
      const result = await saveClientPaths(setting);
      setDraft(undefined);
      setSaved(result.version);
      setReloadKey((k) => k + 1);
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) setStale(true);
      else setProblem(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading title={t('clientPaths.admin.title')}>{t('clientPaths.admin.title')}</PageHeading>
      <p className="lead">{t('clientPaths.admin.intro')}</p>
      <SavedNotice id="client-paths-saved" version={saved} />
      {stored.loading && !setting && <Loading />}
      {stored.error !== undefined && <ErrorMessage error={stored.error} onRetry={stored.reload} />}
      {setting && (
        <>
          <p>{t('clientPaths.admin.version', { version: setting.version })}</p>
          <div className="field">
            <label htmlFor="path-choice">{t('clientPaths.admin.choose')}</label>
            <select id="path-choice" className="input" value={chosen} data-testid="path-choice" onChange={(e) => { setChosen(Number(e.target.value)); setPreview(undefined); }}>
              {setting.paths.map((p, i) => <option key={p.id} value={i}>{p.title.fi}</option>)}
            </select>
          </div>
          {path && (
            <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
              <TextsField id="path-title" label={t('clientPaths.admin.pathTitle')} value={path.title} onChange={(title) => change({ ...path, title })} />
              <TextsField id="path-summary" label={t('clientPaths.admin.summary')} value={path.summary} long onChange={(summary) => change({ ...path, summary })} />
              {path.steps.map((step, i) => (
                <fieldset key={i} className="field group">
                  <legend>{t('clientPaths.admin.step', { n: i + 1 })}</legend>
                  <TextsField id={`step-${i}-title`} label={t('clientPaths.admin.stepTitle')} value={step.title} onChange={(title) => change({ ...path, steps: path.steps.map((s, j) => (j === i ? { ...s, title } : s)) })} />
                  <TextsField id={`step-${i}-text`} label={t('clientPaths.admin.stepText')} value={step.text} long onChange={(text) => change({ ...path, steps: path.steps.map((s, j) => (j === i ? { ...s, text } : s)) })} />
                  <TextsField id={`step-${i}-expect`} label={t('clientPaths.admin.stepExpect')} value={step.expect ?? emptyTexts()} long onChange={(expect) => change({ ...path, steps: path.steps.map((s, j) => (j === i ? { ...s, ...(LANGS.some((l) => expect[l].trim()) ? { expect } : { expect: undefined }) } : s)) })} />
                  {path.steps.length > 1 && (
                    <button type="button" className="button button-quiet" onClick={() => change({ ...path, steps: path.steps.filter((_, j) => j !== i) })}>
                      {t('clientPaths.admin.removeStep', { n: i + 1 })}
                    </button>
                  )}
                </fieldset>
              ))}
              <div className="button-row">
                <button type="button" className="button button-secondary" onClick={() => change({ ...path, steps: [...path.steps, { title: emptyTexts(), text: emptyTexts() }] })}>
                  {t('clientPaths.admin.addStep')}
                </button>
              </div>
              <div className="field">
                <label htmlFor="path-services">{t('clientPaths.admin.services')}</label>
                <p id="path-services-hint" className="hint">{t('clientPaths.admin.servicesHint')}</p>
                <textarea
                  id="path-services"
                  className="input"
                  rows={5}
                  aria-describedby="path-services-hint"
                  value={path.services.join('\n')}
                  data-testid="path-services"
                  onChange={(e) => change({ ...path, services: e.target.value.split(/[\s,]+/).filter(Boolean) })}
                />
              </div>
              <TextsField id="path-matter" label={t('clientPaths.admin.matter')} value={path.contact.matter} long onChange={(matter) => change({ ...path, contact: { ...path.contact, matter } })} />
              {stale && (
                <div role="alert" className="notice notice-error" data-testid="client-paths-stale">
                  <p>{t('clientPaths.admin.stale')}</p>
                  <button type="button" className="button button-secondary" onClick={() => { setDraft(undefined); setStale(false); setReloadKey((k) => k + 1); }}>
                    {t('clientPaths.admin.reload')}
                  </button>
                </div>
              )}
              {problem !== undefined && <ErrorMessage error={problem} />}
              <fieldset className="field">
                <legend>{t('clientPaths.admin.previewLanguage')}</legend>
                {LANGS.map((lang) => (
                  <label key={lang} className="choice-option" style={{ marginRight: '1rem' }}>
                    <input type="radio" name="preview-lang" value={lang} checked={previewLang === lang} onChange={() => { setPreviewLang(lang); setPreview(undefined); }} /> {t(`clientPaths.admin.lang.${lang}`)}
                  </label>
                ))}
              </fieldset>
              <div className="button-row">
                <button type="button" className="button button-secondary" disabled={busy} data-testid="client-path-preview-button" onClick={() => void runPreview()}>
                  {t('clientPaths.admin.preview')}
                </button>
                <button type="submit" className="button button-primary" disabled={busy || !draft} data-testid="client-paths-save">
                  {t('clientPaths.admin.save')}
                </button>
              </div>
            </form>
          )}
          {preview && (
            <section aria-labelledby="path-preview-heading" className="panel">
              <h2 id="path-preview-heading">{t('clientPaths.admin.previewHeading', { title: preview.title })}</h2>
              <ClientPathView path={preview} preview />
            </section>
          )}
          <SettingHistory<{ paths: ClientPathData[] }>
            id="client-paths-history"
            path={CLIENT_PATHS_HISTORY}
            open={historyOpen}
            onToggle={setHistoryOpen}
            reloadKey={reloadKey}
            currentVersion={stored.data?.version}
            renderValue={(value) => <ul>{value.paths.map((p) => <li key={p.id}>{p.title.fi} · {p.title.sv} · {p.title.en}</li>)}</ul>}
            onUse={(value) => { if (stored.data) { setDraft({ version: stored.data.version, paths: value.paths }); setPreview(undefined); } }}
          />
        </>
      )}
    </>
  );
}

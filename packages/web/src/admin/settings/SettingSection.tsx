/**
 * One small setting as a form section: its fields as numbers, checked here (a number at all) and
 * then by the server (`?dryRun=true`, whose problems come back under the field they name), shown
 * as a change to confirm, saved with If-Match as a new version, with the version line and the
 * history under it.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { settingHistoryPath } from '../../api/settingHistory.resource';
import { fetchSmallSetting, type SmallSettingName } from '../../api/smallSettings.resource';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { FieldError } from '../../components/questionnaire/FieldError';
import { useAsync } from '../../components/useAsync';
import { ChangeReview } from '../editing/ChangeReview';
import { SavedNotice, SettingHistory, VersionLine } from '../editing/SettingHistory';
import { useFocusAfterRender, useHistoryPanel, useLatestVersion, useSettingDraft } from '../editing/useChangeReview';

/** A number field of a setting: where it is in the value, how it is read and written back. */
export interface NumberField<T> {
  /** The server's path of the field (`offerHours`, `danger[3].below`): its problems come back under it. */
  path: string;
  label: string;
  hint?: string;
  get: (value: T) => number | undefined;
  set: (value: T, n: number) => T;
  /** Whole numbers only (else one decimal). */
  whole: boolean;
  /** This screen's words for a value the server refused. */
  refused: string;
}

const fieldId = (name: string, path: string) => `${name}-${path.replace(/[^\w]+/g, '-')}`;

function parseNumber(text: string, whole: boolean): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (!(whole ? /^\d{1,5}$/ : /^\d{1,5}(\.\d)?$/).test(trimmed)) return undefined;
  return Number(trimmed);
}

export function SettingSection<T extends { version: number }>({ name, title, intro, fieldsOf }: {
  name: SmallSettingName;
  title: string;
  intro: string;
  /** The fields of the stored value (a list setting has one per entry). */
  fieldsOf: (stored: T) => Array<NumberField<T>>;
}) {
  const { t } = useTranslation();
  const [reloadKey, setReloadKey] = useState(0);
  const data = useAsync(() => fetchSmallSetting<T>(name), [name, reloadKey]);
  const stored = data.data;
  const setFocusId = useFocusAfterRender();
  const history = useHistoryPanel();
  const historyPath = settingHistoryPath(name);
  const latest = useLatestVersion(historyPath, reloadKey);
  const reload = useCallback(() => setReloadKey((k) => k + 1), []);
  const { review, busy, change, savedVersion } = useSettingDraft<T>({ name, stored, savedFocusId: `${name}-saved`, setFocusId, reload });
  const fields = stored ? fieldsOf(stored) : [];
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (stored) setTexts(Object.fromEntries(fields.map((f) => [f.path, String(f.get(stored) ?? '')])));
    // The fields are rebuilt on every render; the stored value decides.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stored]);

  // The server's check names the field of each problem (`path: message`): shown under that field.
  useEffect(() => {
    if (review.phase !== 'review' || !review.preview || review.preview.valid) return;
    const named = Object.fromEntries(fields.filter((f) => review.preview?.problems.some((p) => p.startsWith(`${f.path}:`))).map((f) => [f.path, f.refused]));
    setErrors(named);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [review.phase, review.preview]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!stored) return;
    const found: Record<string, string> = {};
    let next = stored;
    for (const f of fields) {
      const n = parseNumber(texts[f.path] ?? '', f.whole);
      if (n === undefined) found[f.path] = f.whole ? t('adminSettings.wholeNumber') : t('adminSettings.number');
      else next = f.set(next, n);
    }
    setErrors(found);
    setAttempt((k) => k + 1);
    if (Object.keys(found).length > 0) return;
    change(next);
    void review.start(next);
  };

  const changed = (value: T) =>
    stored
      ? fields
          .filter((f) => f.get(value) !== f.get(stored))
          .map((f) => t('adminSettings.changeLine', { field: f.label, from: f.get(stored) ?? '–', to: f.get(value) ?? '–' }))
      : [];
  const summary: SummaryItem[] = fields.filter((f) => errors[f.path]).map((f) => ({ fieldId: fieldId(name, f.path), message: `${f.label} – ${errors[f.path] ?? ''}` }));
  const reviewing = (review.phase === 'review' || review.phase === 'saving') && review.preview && review.value;

  return (
    <section className="panel" aria-labelledby={`${name}-title`} data-testid={`setting-${name}`}>
      <h2 id={`${name}-title`}>{title}</h2>
      <p>{intro}</p>
      {data.loading && !stored && <Loading />}
      {data.error !== undefined && !stored && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {stored && <VersionLine version={stored.version} latest={latest} historyId={`${name}-history`} onShowHistory={history.showHistory} testId={`${name}-version`} />}
      <SavedNotice id={`${name}-saved`} version={savedVersion} />
      {stored && (
        <form noValidate onSubmit={submit} aria-busy={busy} data-testid={`${name}-form`}>
          <ErrorSummary items={summary} focusKey={attempt} />
          {fields.map((f) => {
            const id = fieldId(name, f.path);
            const described = [f.hint ? `${id}-hint` : '', errors[f.path] ? `${id}-error` : ''].filter(Boolean).join(' ');
            return (
              <div key={f.path} className={errors[f.path] ? 'field has-error' : 'field'}>
                <label htmlFor={id}>{f.label}</label>
                {f.hint && (
                  <p id={`${id}-hint`} className="hint">
                    {f.hint}
                  </p>
                )}
                <FieldError id={`${id}-error`} message={errors[f.path]} />
                <input
                  id={id}
                  className="input input-number"
                  inputMode={f.whole ? 'numeric' : 'decimal'}
                  autoComplete="off"
                  maxLength={7}
                  value={texts[f.path] ?? ''}
                  disabled={busy}
                  aria-invalid={errors[f.path] ? true : undefined}
                  aria-describedby={described || undefined}
                  data-testid={id}
                  onChange={(e) => {
                    const text = e.target.value;
                    setTexts((all) => ({ ...all, [f.path]: text }));
                  }}
                />
              </div>
            );
          })}
          <button type="submit" id={`${name}-check`} className="button button-primary" disabled={busy} data-testid={`${name}-check`}>
            {review.phase === 'checking' ? t('adminEdit.draft.checking') : t('adminEdit.draft.check')}
          </button>
          {review.phase === 'editing' && review.error !== undefined && <ErrorMessage error={review.error} />}
        </form>
      )}
      {stored && reviewing && review.value && review.preview && (
        <ChangeReview
          level={3}
          testId={`${name}-review`}
          valid={review.preview.valid}
          problems={review.preview.problems}
          changes={
            <ul className="change-list">
              {(changed(review.value).length > 0 ? changed(review.value) : [t('adminSettings.noChange')]).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          }
          saving={review.phase === 'saving'}
          error={review.error}
          confirmLabel={t('adminEdit.review.saveAs', { version: stored.version + 1 })}
          onConfirm={() => void review.confirm()}
          onBack={() => {
            review.back();
            setFocusId(`${name}-check`);
          }}
        />
      )}
      {stored && (
        <SettingHistory<T>
          id={`${name}-history`}
          path={historyPath}
          level={3}
          testId={`${name}-history`}
          open={history.open}
          onToggle={history.setOpen}
          focusKey={history.focusKey}
          reloadKey={reloadKey}
          currentVersion={stored.version}
          renderValue={(value) => (
            <dl className="setting-values">
              {fields.map((f) => (
                <div key={f.path}>
                  <dt>{f.label}</dt>
                  <dd>{f.get(value) ?? '–'}</dd>
                </div>
              ))}
            </dl>
          )}
        />
      )}
    </section>
  );
}

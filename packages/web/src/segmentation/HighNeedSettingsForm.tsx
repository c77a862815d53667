/** The administrator's high-need criteria: the period, the limits and how many criteria list a client; checked as one types. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { highNeedSettingsProblems, type HighNeedSettings } from '@ovi/domain/src/segmentation/highNeed';
import { SEGMENTS, type Segment } from '@ovi/domain/src/segmentation/segments';
import { ApiError } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { useAsync } from '../components/useAsync';
import { fetchHighNeedSettings, saveHighNeedSettings } from './segmentation.resource';

const NUMBERS = ['periodMonths', 'minContacts', 'minServices', 'minCriteria'] as const;

export function HighNeedSettingsForm() {
  const { t } = useTranslation();
  const stored = useAsync(fetchHighNeedSettings, []);
  const [draft, setDraft] = useState<HighNeedSettings>();
  const [version, setVersion] = useState(0);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  useEffect(() => {
    if (!stored.data) return;
    const { version: v, ...value } = stored.data;
    setDraft(value);
    setVersion(v);
  }, [stored.data]);

  if (!draft) return stored.error !== undefined ? <ErrorMessage error={stored.error} onRetry={stored.reload} /> : <Loading />;
  const problems = highNeedSettingsProblems(draft);
  const change = (next: Partial<HighNeedSettings>) => {
    setDraft({ ...draft, ...next });
    setSaved(false);
  };
  const toggleSegment = (segment: Segment, on: boolean) => change({ segments: on ? SEGMENTS.filter((s) => s === segment || draft.segments.includes(s)) : draft.segments.filter((s) => s !== segment) });
  const save = async () => {
    setFailure(undefined);
    try {
      const result = await saveHighNeedSettings(draft, version);
      setVersion(result.version);
      setSaved(true);
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <form
      className="panel"
      aria-labelledby="high-need-settings-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (problems.length === 0) void save();
      }}
    >
      <h2 id="high-need-settings-title">{t('segmentation.admin.highNeed')}</h2>
      {NUMBERS.map((key) => (
        <div className="field" key={key}>
          <label htmlFor={`hn-${key}`}>{t(`segmentation.admin.hn.${key}`)}</label>
          <input id={`hn-${key}`} type="number" step="1" inputMode="numeric" value={Number.isNaN(draft[key]) ? '' : draft[key]} onChange={(e) => change({ [key]: e.target.value.trim() === '' ? Number.NaN : Number(e.target.value) })} />
        </div>
      ))}
      <div className="field">
        <label>
          <input type="checkbox" checked={draft.bothRegisters} onChange={(e) => change({ bothRegisters: e.target.checked })} /> {t('segmentation.admin.hn.bothRegisters')}
        </label>
      </div>
      <fieldset className="field">
        <legend>{t('segmentation.admin.hn.segments')}</legend>
        {SEGMENTS.map((s) => (
          <label key={s}>
            <input type="checkbox" checked={draft.segments.includes(s)} onChange={(e) => toggleSegment(s, e.target.checked)} /> {t(`segmentation.segment.${s}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label>
          <input type="checkbox" checked={draft.withoutPlanOnly} onChange={(e) => change({ withoutPlanOnly: e.target.checked })} /> {t('segmentation.admin.hn.withoutPlanOnly')}
        </label>
      </div>
      {problems.length > 0 && (
        <div className="notice notice-error" role="alert" data-testid="high-need-problems">
          <p>{t('segmentation.admin.problems')}</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {failure !== undefined && (failure instanceof ApiError && failure.status === 412 ? <p className="notice notice-error" role="alert">{t('segmentation.admin.conflict')}</p> : <ErrorMessage error={failure} />)}
      {saved && (
        <p className="notice" role="status">
          {t('segmentation.admin.saved', { version })}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={problems.length > 0} data-testid="save-high-need">
          {t('segmentation.admin.save')}
        </button>
      </div>
    </form>
  );
}

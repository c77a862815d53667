/**
 * The administrator's segmentation rule: the two thresholds, the segment of each cell, how old
 * answers may be, and each segment's name and care path in three languages. The same check
 * as the server's runs as one types; the preview shows which segment example scores would get.
 * Saving keeps the earlier version in the history (If-Match: nobody's change is overwritten).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@ovi/domain';
import { segmentFor } from '@ovi/domain/src/segmentation/computeSegment';
import { SEGMENTS, type Segment } from '@ovi/domain/src/segmentation/segments';
import { SEGMENT_CELLS, segmentationSettingsProblems, type SegmentationSettings } from '@ovi/domain/src/segmentation/settings';
import { ApiError } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { TableWrap } from '../components/TableWrap';
import { useAsync } from '../components/useAsync';
import { useLanguage } from '../i18n/useLanguage';
import { fetchSegmentationSettings, saveSegmentationSettings } from './segmentation.resource';
import { HighNeedSettingsForm } from './HighNeedSettingsForm';

const LANGS: Language[] = ['fi', 'sv', 'en'];
const RESOURCE_EXAMPLES = [0, 1, 1.5, 2, 2.5, 3];
const DEMAND_EXAMPLES = [0, 1, 1.5, 2, 3];

export function SegmentationAdmin() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const stored = useAsync(fetchSegmentationSettings, []);
  const [draft, setDraft] = useState<SegmentationSettings>();
  const [version, setVersion] = useState(0);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  useEffect(() => {
    if (!stored.data) return;
    const { version: v, ...value } = stored.data;
    setDraft(value);
    setVersion(v);
  }, [stored.data]);

  if (!draft) {
    return (
      <>
        <PageHeading title={t('segmentation.admin.title')}>{t('segmentation.admin.title')}</PageHeading>
        {stored.loading && <Loading />}
        {stored.error !== undefined && <ErrorMessage error={stored.error} onRetry={stored.reload} />}
      </>
    );
  }

  const problems = segmentationSettingsProblems(draft);
  const change = (next: Partial<SegmentationSettings>) => {
    setDraft({ ...draft, ...next });
    setSaved(false);
  };
  const number = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));
  const save = async () => {
    setFailure(undefined);
    try {
      const result = await saveSegmentationSettings(draft, version);
      setVersion(result.version);
      setSaved(true);
    } catch (error) {
      setFailure(error);
    }
  };
  const conflict = failure instanceof ApiError && failure.status === 412;
  const valid = problems.length === 0;

  return (
    <>
      <PageHeading title={t('segmentation.admin.title')}>{t('segmentation.admin.title')}</PageHeading>
      <p>{t('segmentation.admin.intro')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) void save();
        }}
      >
        <fieldset className="panel">
          <legend>{t('segmentation.admin.thresholds')}</legend>
          <div className="field">
            <label htmlFor="seg-strong">{t('segmentation.admin.resourcesStrongFrom')}</label>
            <input id="seg-strong" type="number" step="0.1" inputMode="decimal" value={Number.isNaN(draft.resourcesStrongFrom) ? '' : draft.resourcesStrongFrom} onChange={(e) => change({ resourcesStrongFrom: number(e.target.value) })} />
          </div>
          <div className="field">
            <label htmlFor="seg-demanding">{t('segmentation.admin.demandingFrom')}</label>
            <input id="seg-demanding" type="number" step="0.1" inputMode="decimal" value={Number.isNaN(draft.demandingFrom) ? '' : draft.demandingFrom} onChange={(e) => change({ demandingFrom: number(e.target.value) })} />
          </div>
          <div className="field">
            <label htmlFor="seg-age">{t('segmentation.admin.maxAnswerAgeDays')}</label>
            <input id="seg-age" type="number" step="1" inputMode="numeric" value={Number.isNaN(draft.maxAnswerAgeDays) ? '' : draft.maxAnswerAgeDays} onChange={(e) => change({ maxAnswerAgeDays: number(e.target.value) })} />
          </div>
          <div className="field">
            <label htmlFor="seg-gap">{t('segmentation.admin.maxPairGapDays')}</label>
            <input id="seg-gap" type="number" step="1" inputMode="numeric" value={Number.isNaN(draft.maxPairGapDays) ? '' : draft.maxPairGapDays} onChange={(e) => change({ maxPairGapDays: number(e.target.value) })} />
          </div>
        </fieldset>
        <fieldset className="panel">
          <legend>{t('segmentation.admin.mapping')}</legend>
          {SEGMENT_CELLS.map((cell) => (
            <div className="field" key={cell}>
              <label htmlFor={`seg-cell-${cell}`}>{t(`segmentation.cell.${cell}`)}</label>
              <select id={`seg-cell-${cell}`} value={draft.mapping[cell]} onChange={(e) => change({ mapping: { ...draft.mapping, [cell]: e.target.value as Segment } })}>
                {SEGMENTS.map((s) => (
                  <option key={s} value={s}>
                    {draft.labels[s]?.[lang] || s}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
        {SEGMENTS.map((s) => (
          <fieldset className="panel" key={s}>
            <legend>{t(`segmentation.segment.${s}`)}</legend>
            {LANGS.map((l) => (
              <div className="field" key={`label-${l}`}>
                <label htmlFor={`seg-label-${s}-${l}`}>{t('segmentation.admin.label', { language: t(`segmentation.language.${l}`) })}</label>
                <input id={`seg-label-${s}-${l}`} value={draft.labels[s][l]} onChange={(e) => change({ labels: { ...draft.labels, [s]: { ...draft.labels[s], [l]: e.target.value } } })} />
              </div>
            ))}
            {LANGS.map((l) => (
              <div className="field" key={`path-${l}`}>
                <label htmlFor={`seg-path-${s}-${l}`}>{t('segmentation.admin.carePath', { language: t(`segmentation.language.${l}`) })}</label>
                <textarea id={`seg-path-${s}-${l}`} rows={3} value={draft.carePaths[s][l]} onChange={(e) => change({ carePaths: { ...draft.carePaths, [s]: { ...draft.carePaths[s], [l]: e.target.value } } })} />
              </div>
            ))}
          </fieldset>
        ))}
        {problems.length > 0 && (
          <div className="notice notice-error" role="alert" data-testid="segmentation-problems">
            <p>{t('segmentation.admin.problems')}</p>
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        <section className="panel" aria-labelledby="seg-preview-title">
          <h2 id="seg-preview-title">{t('segmentation.admin.preview')}</h2>
          <p className="muted small">{t('segmentation.admin.previewHelp')}</p>
          {valid && (
            <TableWrap labelledBy="seg-preview-title">
              <table className="table" data-testid="segmentation-preview">
                <thead>
                  <tr>
                    <th scope="col">{t('segmentation.admin.previewCorner')}</th>
                    {DEMAND_EXAMPLES.map((d) => (
                      <th scope="col" key={d}>
                        {d}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {RESOURCE_EXAMPLES.map((r) => (
                    <tr key={r}>
                      <th scope="row">{r}</th>
                      {DEMAND_EXAMPLES.map((d) => (
                        <td key={d}>{draft.labels[segmentFor({ resources: r, demand: d }, draft).segment][lang]}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </section>
        {failure !== undefined && (conflict ? <p className="notice notice-error" role="alert">{t('segmentation.admin.conflict')}</p> : <ErrorMessage error={failure} />)}
        {saved && (
          <p className="notice" role="status">
            {t('segmentation.admin.saved', { version })}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={!valid} data-testid="save-segmentation">
            {t('segmentation.admin.save')}
          </button>
        </div>
      </form>
      <HighNeedSettingsForm />
    </>
  );
}

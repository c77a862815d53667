/**
 * The version of a setting in use, and its history: every version newest first with who saved
 * it and when; any version's content can be shown and, where the page allows, taken as the
 * starting point of a new change (which is checked and saved like any other).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchHistory, fetchVersion, type VersionInfo } from '../../api/settingHistory.resource';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { TableWrap } from '../../components/TableWrap';
import { useAsync } from '../../components/useAsync';
import { formatDateTime } from '../../i18n/format';
import { useLanguage } from '../../i18n/useLanguage';
import './editing.css';

/** "Saved as version 8.": a polite live region that takes focus once the change is saved. */
export function SavedNotice({ id, version, text }: { id: string; version?: number | string; text?: string }) {
  const { t } = useTranslation();
  const shown = version !== undefined;
  return (
    <div id={id} role="status" aria-live="polite" tabIndex={-1} className={shown ? 'notice notice-success' : 'visually-hidden'} data-testid={shown ? id : undefined}>
      {shown ? text ?? t('adminEdit.saved', { version }) : ''}
    </div>
  );
}

/** Who saved a version, in words: Ovi itself, the demo region or an account. */
export function useSavedBy(): (who: string | undefined) => string {
  const { t } = useTranslation();
  return (who) => (who === 'system' ? t('adminEdit.history.bySystem') : who === 'demo' ? t('adminEdit.history.byDemo') : who || t('adminEdit.history.byUnknown'));
}

/**
 * "Version 7, saved … by admin. Version history": the link opens the history below and moves there.
 * It is an in-page link whose default is prevented, so the screen keeps what is being edited.
 */
export function VersionLine({
  version,
  latest,
  historyId,
  onShowHistory,
  testId = 'setting-version',
  inUse = true,
}: {
  version: number | string;
  latest?: VersionInfo;
  historyId: string;
  onShowHistory: () => void;
  testId?: string;
  /** "Version 3 in use" (a setting) or "Version 3" (a questionnaire, which may be retired). */
  inUse?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const savedBy = useSavedBy();
  return (
    <p className="version-line" data-testid={testId}>
      <span>
        <strong>{inUse ? t('adminEdit.version.current', { version }) : t('adminEdit.version.stored', { version })}</strong>
        {latest && String(latest.version) === String(version) && (
          <>
            {' · '}
            {latest.updatedBy
              ? t('adminEdit.version.saved', { when: formatDateTime(latest.updatedAt, lang), who: savedBy(latest.updatedBy) })
              : t('adminEdit.version.savedWhen', { when: formatDateTime(latest.updatedAt, lang) })}
          </>
        )}
      </span>
      <a
        href={`#${historyId}`}
        data-testid={`${testId}-history-link`}
        onClick={(e) => {
          e.preventDefault();
          onShowHistory();
        }}
      >
        {t('adminEdit.history.link')}
      </a>
    </p>
  );
}

interface Props<T> {
  /** The section's id (the version line links here). */
  id: string;
  /** Where the history is: `settingHistoryPath(name)` or `templateHistoryPath(id)`. */
  path?: string;
  /** Instead of `path`: a loader of the versions with their values (e.g. a FHIR resource's `_history`). */
  loadAll?: () => Promise<Array<VersionInfo & { value: T }>>;
  title?: string;
  open: boolean;
  onToggle: (open: boolean) => void;
  /** Changes when a new version was saved, so the list loads again. */
  reloadKey: unknown;
  /** The current version, marked in the list. */
  currentVersion?: number | string;
  renderValue: (value: T) => ReactNode;
  /** Takes a version as the starting point of a change; absent where that is not offered. */
  onUse?: (value: T, version: number) => void;
  /** Moves focus to the heading when set; the parent bumps it when its link is followed. */
  focusKey?: number;
  testId?: string;
  /** The heading level of the section (2 on a page, 3 or 4 inside a section). */
  level?: 2 | 3 | 4;
}

export function SettingHistory<T>({ id, path, loadAll, title, open, onToggle, reloadKey, currentVersion, renderValue, onUse, focusKey = 0, testId = 'setting-history', level = 2 }: Props<T>) {
  const Heading = (['h2', 'h3', 'h4'] as const)[level - 2] ?? 'h2';
  const Sub = (['h3', 'h4', 'h5'] as const)[level - 2] ?? 'h3';
  const { t } = useTranslation();
  const lang = useLanguage();
  const savedBy = useSavedBy();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [shown, setShown] = useState<{ version: number; value?: T; error?: unknown }>();
  const list = useAsync(async () => {
    if (!open) return undefined;
    if (loadAll) return loadAll();
    if (!path) return [];
    return (await fetchHistory(path)).map((v) => ({ ...v, value: undefined as T | undefined }));
  }, [open, path, reloadKey]);

  useEffect(() => {
    if (focusKey > 0) {
      headingRef.current?.focus();
      headingRef.current?.scrollIntoView({ block: 'start' });
    }
  }, [focusKey]);

  const show = async (version: number, known?: T) => {
    if (shown?.version === version) {
      setShown(undefined);
      return;
    }
    if (known !== undefined) {
      setShown({ version, value: known });
      return;
    }
    setShown({ version });
    try {
      const found = await fetchVersion<T>(path ?? '', version);
      setShown({ version, value: found.value });
    } catch (error) {
      setShown({ version, error });
    }
  };

  const headingId = `${id}-heading`;
  const bodyId = `${id}-body`;
  return (
    <section id={id} className="setting-history" aria-labelledby={headingId} data-testid={testId}>
      <Heading id={headingId} ref={headingRef} tabIndex={-1}>
        {title ?? t('adminEdit.history.title')}
      </Heading>
      <button type="button" className="button button-secondary" aria-expanded={open} aria-controls={bodyId} data-testid={`${testId}-toggle`} onClick={() => onToggle(!open)}>
        {open ? t('adminEdit.history.hide') : t('adminEdit.history.show')}
      </button>
      <div id={bodyId} hidden={!open}>
        {open && list.loading && !list.data && <Loading />}
        {open && list.error !== undefined && <ErrorMessage error={list.error} onRetry={list.reload} />}
        {open && list.data && list.data.length === 0 && <p className="empty">{t('adminEdit.history.empty')}</p>}
        {open && list.data && list.data.length > 0 && (
          <TableWrap labelledBy={`${id}-caption`}>
            <table className="table table-stack" data-testid={`${testId}-table`}>
              <caption id={`${id}-caption`}>{t('adminEdit.history.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('adminEdit.history.version')}</th>
                  <th scope="col">{t('adminEdit.history.when')}</th>
                  <th scope="col">{t('adminEdit.history.who')}</th>
                  <th scope="col">{t('adminEdit.history.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((v) => (
                  <tr key={v.version} data-testid={`${testId}-row`} data-version={v.version}>
                    <th scope="row">
                      {v.version}
                      {currentVersion !== undefined && String(currentVersion) === String(v.version) && <span className="badge badge-muted"> {t('adminEdit.history.inUse')}</span>}
                    </th>
                    <td data-label={t('adminEdit.history.when')}>{formatDateTime(v.updatedAt, lang)}</td>
                    <td data-label={t('adminEdit.history.who')}>{savedBy(v.updatedBy)}</td>
                    <td data-label={t('adminEdit.history.actions')}>
                      <button
                        type="button"
                        className="button button-secondary"
                        aria-expanded={shown?.version === v.version}
                        aria-controls={`${id}-value`}
                        data-testid={`${testId}-show`}
                        onClick={() => void show(v.version, v.value)}
                      >
                        {shown?.version === v.version ? t('adminEdit.history.hideVersion', { version: v.version }) : t('adminEdit.history.showVersion', { version: v.version })}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <div id={`${id}-value`} aria-live="polite">
          {open && shown && (
            <div className="history-value" data-testid={`${testId}-value`}>
              <Sub>{t('adminEdit.history.versionHeading', { version: shown.version })}</Sub>
              {shown.error !== undefined && <ErrorMessage error={shown.error} />}
              {shown.error === undefined && shown.value === undefined && <Loading />}
              {shown.value !== undefined && renderValue(shown.value)}
              {shown.value !== undefined && onUse && (currentVersion === undefined || String(currentVersion) !== String(shown.version)) && (
                <div className="button-row">
                  <button type="button" className="button button-secondary" data-testid={`${testId}-use`} onClick={() => shown.value !== undefined && onUse(shown.value, shown.version)}>
                    {t('adminEdit.history.use', { version: shown.version })}
                  </button>
                </div>
              )}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}

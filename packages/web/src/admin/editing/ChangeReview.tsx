/**
 * The check before saving: what changes, in words; the server's problems (then nothing can be
 * saved) or what the change would do; then "Save" or "Back to editing". Takes focus when shown.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import './editing.css';

/** The server's words, which are English: one item for each reason it gave. */
export function ServerWords({ texts, testId }: { texts: string[]; testId?: string }) {
  return (
    <ul className="server-words" data-testid={testId}>
      {texts.map((text, i) => (
        <li key={i} lang="en">
          {text}
        </li>
      ))}
    </ul>
  );
}

/** The reasons a server gave for a refusal, one a line. */
export function reasonsOf(error: ApiError): string[] {
  return error.issues.flatMap((issue) => {
    const text = issue.message || issue.diagnostics || '';
    // "Invalid routing-rules: a; b" and "… do not fit the rest of the configuration: a; b" list their reasons after the colon.
    const colon = text.indexOf(': ');
    const head = colon > 0 && colon < 80 ? text.slice(0, colon) : '';
    const body = head ? text.slice(colon + 2) : text;
    const parts = body.split('; ').filter(Boolean);
    return parts.length > 1 ? parts : [text];
  });
}

/** A failed check or save in words: a 400 with the server's reasons, a 412 (saved meanwhile), anything else. */
export function SaveError({ error, testId = 'save-error' }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 400) {
    return (
      <div role="alert" className="notice notice-error" data-testid={testId}>
        <p>{t('adminEdit.refused')}</p>
        <ServerWords texts={reasonsOf(error)} />
      </div>
    );
  }
  if (error instanceof ApiError && (error.status === 412 || error.status === 409)) {
    return (
      <div role="alert" className="notice notice-error" data-testid={testId}>
        <p>{t('adminEdit.savedMeanwhile')}</p>
      </div>
    );
  }
  if (error instanceof ApiError && error.status === 403) {
    return (
      <div role="alert" className="notice notice-error" data-testid={testId}>
        <p>{t('adminEdit.forbidden')}</p>
      </div>
    );
  }
  return <ErrorMessage error={error} />;
}

interface Props {
  /** Whether the change may be saved (no problems). */
  valid: boolean;
  /** The problems found: the server's (English) or, with `problemsFromServer` false, this screen's own. */
  problems?: string[];
  problemsFromServer?: boolean;
  /** What changes, in words. */
  changes: ReactNode;
  /** What the change would do (e.g. contacts routed elsewhere); only when it may be saved. */
  effect?: ReactNode;
  saving: boolean;
  error?: unknown;
  confirmLabel: string;
  onConfirm: () => void;
  onBack: () => void;
  testId?: string;
  /** The heading level where the check is shown (2 on a page, 3 inside a section). */
  level?: 2 | 3;
}

export function ChangeReview({ valid, problems = [], problemsFromServer = true, changes, effect, saving, error, confirmLabel, onConfirm, onBack, testId = 'change-review', level = 2 }: Props) {
  const Heading = level === 3 ? 'h3' : 'h2';
  const Sub = level === 3 ? 'h4' : 'h3';
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <section className={valid ? 'edit-review' : 'edit-review edit-review-refused'} aria-labelledby={`${testId}-heading`} data-testid={testId} aria-busy={saving}>
      <Heading id={`${testId}-heading`} ref={headingRef} tabIndex={-1}>
        {valid ? t('adminEdit.review.title') : t('adminEdit.review.refusedTitle')}
      </Heading>
      <Sub>{t('adminEdit.review.changes')}</Sub>
      {changes}
      {!valid && (
        <div className="notice notice-error" data-testid={`${testId}-problems`}>
          <p>{problemsFromServer ? t('adminEdit.review.problems') : t('adminEdit.review.ownProblems')}</p>
          {problemsFromServer ? (
            <ServerWords texts={problems} />
          ) : (
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {valid && effect && (
        <>
          <Sub>{t('adminEdit.review.effect')}</Sub>
          {effect}
        </>
      )}
      {error !== undefined && <SaveError error={error} />}
      <div className="button-row">
        {valid && (
          <button type="button" className="button button-primary" disabled={saving} onClick={onConfirm} data-testid={`${testId}-confirm`}>
            {saving ? t('adminEdit.review.saving') : confirmLabel}
          </button>
        )}
        <button type="button" className="button button-secondary" disabled={saving} onClick={onBack} data-testid={`${testId}-back`}>
          {t('adminEdit.review.back')}
        </button>
      </div>
    </section>
  );
}

/**
 * Check first, then save: a change goes to the server's preview (`?dryRun=true`) or, where the
 * server has none, to a check made here; the reader sees the problems or the effect, and only
 * their confirmation saves it. A refused save (400, 412) stays on screen with the server's words.
 */
import { useCallback, useEffect, useState } from 'react';
import { fetchHistory, type VersionInfo } from '../../api/settingHistory.resource';
import { useAsync } from '../../components/useAsync';
import { previewSetting, saveSetting, type EditableSetting } from '../../api/admin.resource';
import { sameValue } from './sameValue';

export type ReviewPhase = 'editing' | 'checking' | 'review' | 'saving';

export interface ReviewState<T, P> {
  phase: ReviewPhase;
  value?: T;
  preview?: P;
  /** What went wrong last: a failed check or a refused save. */
  error?: unknown;
}

export function useChangeReview<T, P, R>(options: { check: (value: T) => Promise<P>; save: (value: T) => Promise<R>; onSaved: (result: R, value: T) => void }) {
  const [state, setState] = useState<ReviewState<T, P>>({ phase: 'editing' });
  const { check, save, onSaved } = options;

  const start = useCallback(
    async (value: T) => {
      setState({ phase: 'checking', value });
      try {
        const preview = await check(value);
        setState({ phase: 'review', value, preview });
      } catch (error) {
        setState({ phase: 'editing', value, error });
      }
    },
    [check],
  );

  const confirm = useCallback(async () => {
    const value = state.value;
    if (value === undefined) return;
    setState((s) => ({ ...s, phase: 'saving', error: undefined }));
    try {
      const result = await save(value);
      setState({ phase: 'editing' });
      onSaved(result, value);
    } catch (error) {
      setState((s) => ({ ...s, phase: 'review', error }));
    }
  }, [state.value, save, onSaved]);

  const back = useCallback(() => setState({ phase: 'editing' }), []);

  return { ...state, start, confirm, back };
}

/** The history panel's state: open or not, and a counter that moves focus to it. */
export function useHistoryPanel() {
  const [open, setOpen] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  const showHistory = useCallback(() => {
    setOpen(true);
    setFocusKey((k) => k + 1);
  }, []);
  return { open, setOpen, focusKey, showHistory };
}

/** Who saved the newest version and when (the version line); undefined until known or when not allowed. */
export function useLatestVersion(path: string | undefined, reloadKey: unknown): VersionInfo | undefined {
  const latest = useAsync(async () => (path ? (await fetchHistory(path, 1))[0] : undefined), [path, reloadKey]);
  return latest.data;
}

/** Moves focus to an element by id once the screen has rendered (after a row moved, a form closed …). */
export function useFocusAfterRender(): (id: string) => void {
  const [target, setTarget] = useState<{ id: string; n: number }>();
  useEffect(() => {
    if (target) document.getElementById(target.id)?.focus();
  }, [target]);
  return useCallback((id: string) => setTarget((t) => ({ id, n: (t?.n ?? 0) + 1 })), []);
}

/**
 * A guidance setting edited as a draft: the draft over the stored value, whether it differs,
 * the check-then-save review against the server, and what happens after a save (the draft
 * dropped, the new version announced, the page reloaded, focus on the notice).
 */
export function useSettingDraft<T extends { version: number }>(args: {
  name: EditableSetting;
  stored: T | undefined;
  savedFocusId: string;
  setFocusId: (id: string) => void;
  reload: () => void;
}) {
  const { name, stored, savedFocusId, setFocusId, reload } = args;
  const [draft, setDraft] = useState<T>();
  const [savedVersion, setSavedVersion] = useState<number>();
  const check = useCallback((value: T) => previewSetting(name, value), [name]);
  const save = useCallback((value: T) => saveSetting(name, value, stored?.version ?? 0), [name, stored]);
  const onSaved = useCallback(
    (saved: T) => {
      setDraft(undefined);
      setSavedVersion(saved.version);
      reload();
      setFocusId(savedFocusId);
    },
    [reload, setFocusId, savedFocusId],
  );
  const review = useChangeReview({ check, save, onSaved });
  const change = (next: T) => {
    setDraft(next);
    setSavedVersion(undefined);
  };
  return {
    draft,
    setDraft,
    value: draft ?? stored,
    dirty: !!draft && !!stored && !sameValue(draft, stored),
    savedVersion,
    review,
    busy: review.phase !== 'editing',
    change,
  };
}

/** The unsaved draft of a setting: what changed in words, then "check the change" or "discard". */
import { useTranslation } from 'react-i18next';
import { SaveError } from './ChangeReview';

export function DraftBar(props: {
  /** `routing` or `guarantee`: the test ids and the check button's id. */
  name: string;
  changes: string[];
  busy: boolean;
  checking: boolean;
  error?: unknown;
  onCheck: () => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const { name } = props;
  return (
    <div className="draft-bar" data-testid={`${name}-draft`}>
      <p>
        <strong>{t('adminEdit.draft.unsaved')}</strong> {t('adminEdit.draft.checkFirst')}
      </p>
      <ul className="change-list">
        {props.changes.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <div className="button-row">
        <button type="button" id={`${name}-check`} className="button button-primary" disabled={props.busy} onClick={props.onCheck} data-testid={`${name}-check`}>
          {props.checking ? t('adminEdit.draft.checking') : t('adminEdit.draft.check')}
        </button>
        <button type="button" className="button button-secondary" disabled={props.busy} onClick={props.onDiscard} data-testid={`${name}-discard`}>
          {t('adminEdit.draft.discard')}
        </button>
      </div>
      {props.error !== undefined && <SaveError error={props.error} />}
    </div>
  );
}

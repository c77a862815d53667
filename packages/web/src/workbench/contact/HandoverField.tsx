/**
 * The internal hand-over note written when routing a contact (`$resolve` `handover`, at most
 * 2000 characters): for the receiving team only, never sent to the resident. Optional.
 */
import { useTranslation } from 'react-i18next';
import { MAX_HANDOVER_LENGTH } from '@ovi/domain/src/handoverNote';

export function HandoverField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor="decision-handover">
        {t('workday.handover.field')} <span className="required-mark">({t('workday.handover.optional')})</span>
      </label>
      <p id="decision-handover-hint" className="hint">
        {t('workday.handover.fieldHint', { max: MAX_HANDOVER_LENGTH })}
      </p>
      <textarea
        id="decision-handover"
        className="input"
        rows={3}
        maxLength={MAX_HANDOVER_LENGTH}
        value={value}
        aria-describedby="decision-handover-hint"
        data-testid="decision-handover"
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/**
 * Finds a client: by the full personal identity code, or — as a separate action with a
 * recorded reason — by name. The caller confirms the person before going on.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../api/patient.resource';
import { NameLookup } from './NameLookup';
import { PicLookup } from './PicLookup';

type Mode = 'pic' | 'name';

/** `reason`: set when the client was found by name; their data was read with it (X-Access-Reason). */
export function PatientLookup({ onFound }: { onFound: (patient: PatientSummary, reason?: string) => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('pic');
  return (
    <>
      <div role="group" aria-label={t('lookup.how')} className="segmented lookup-mode">
        {(['pic', 'name'] as const).map((m) => (
          <button key={m} type="button" className="segment" aria-pressed={mode === m} data-testid={`lookup-mode-${m}`} onClick={() => setMode(m)}>
            {t(`lookup.mode.${m}`)}
          </button>
        ))}
      </div>
      {mode === 'pic' ? <PicLookup onFound={(p) => onFound(p)} /> : <NameLookup onFound={onFound} />}
    </>
  );
}

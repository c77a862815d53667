/** Finds a client by the full, valid personal identity code (the server refuses anything less with 400). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { personalIdentityCodeProblem } from '@ovi/domain/src/personalIdentityCodeCheck';
import { findPatientByPic, normalisePic, type PatientSummary } from '../api/patient.resource';
import { ErrorMessage } from '../components/ErrorMessage';
import { FieldError } from '../components/questionnaire/FieldError';
import { RegisterClient } from './RegisterClient';

export function PicLookup({ onFound }: { onFound: (patient: PatientSummary) => void }) {
  const { t } = useTranslation();
  const [pic, setPic] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [searching, setSearching] = useState(false);
  // A valid code that no client has: offered for registering a new client.
  const [unknown, setUnknown] = useState<string>();

  const showFieldError = (message: string) => {
    setFieldError(message);
    document.getElementById('pic-lookup')?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    // Says what is wrong: a mistyped (or misheard) last character is not "not found".
    const problem = personalIdentityCodeProblem(normalisePic(pic));
    if (problem) return showFieldError(problem === 'format' ? t('phone.invalidPic') : t(`workday.pic.${problem}`));
    setFieldError(undefined);
    setUnknown(undefined);
    setSearching(true);
    try {
      const found = await findPatientByPic(pic);
      if (found) onFound(found);
      else {
        showFieldError(t('phone.notFound'));
        setUnknown(normalisePic(pic));
      }
    } catch (error) {
      // The server takes only one full, valid code; anything else is a 400.
      if (error instanceof ApiError && error.status === 400) showFieldError(t('phone.picRefused'));
      else setFailure(error);
    } finally {
      setSearching(false);
    }
  };

  return (
    <>
    <form noValidate onSubmit={(e) => void submit(e)} className="lookup" role="search" aria-label={t('lookup.mode.pic')} aria-busy={searching}>
      {failure !== undefined && <ErrorMessage error={failure} />}
      <div className={fieldError ? 'field has-error' : 'field'}>
        <label htmlFor="pic-lookup">{t('phone.pic')}</label>
        <p id="pic-lookup-hint" className="hint">
          {t('phone.picHint')}
        </p>
        <FieldError id="pic-lookup-error" message={fieldError} />
        <div className="inline-input">
          <input
            id="pic-lookup"
            className="input input-pic"
            value={pic}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="characters"
            maxLength={11}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? 'pic-lookup-hint pic-lookup-error' : 'pic-lookup-hint'}
            data-testid="pic-lookup-input"
            onChange={(e) => setPic(e.target.value)}
          />
          <button type="submit" className="button button-primary" disabled={searching} data-testid="pic-lookup-submit">
            {searching ? t('phone.searching') : t('phone.lookup')}
          </button>
        </div>
      </div>
    </form>
    {unknown && <RegisterClient pic={unknown} onRegistered={onFound} onCancel={() => setUnknown(undefined)} />}
    </>
  );
}

/** Finds a client by personal identity code; the caller confirms the person before going on. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { findPatientByPic, looksLikePic, type PatientSummary } from '../api/patient.resource';
import { ErrorMessage } from '../components/ErrorMessage';
import { FieldError } from '../components/questionnaire/FieldError';

export function PatientLookup({ onFound }: { onFound: (patient: PatientSummary) => void }) {
  const { t } = useTranslation();
  const [pic, setPic] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [searching, setSearching] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    if (!looksLikePic(pic)) {
      setFieldError(t('phone.invalidPic'));
      document.getElementById('pic-lookup')?.focus();
      return;
    }
    setFieldError(undefined);
    setSearching(true);
    try {
      const found = await findPatientByPic(pic);
      if (found) onFound(found);
      else {
        setFieldError(t('phone.notFound'));
        document.getElementById('pic-lookup')?.focus();
      }
    } catch (error) {
      setFailure(error);
    } finally {
      setSearching(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="lookup" role="search" aria-busy={searching}>
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
  );
}

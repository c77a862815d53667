/**
 * A caller whose personal identity code is not yet known: the nurse registers them as a new
 * client with the code already typed and their name (and phone number for calling back), then
 * goes on with the contact. The server checks the code again and refuses a code registered
 * meanwhile (409: the client is looked up instead).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { registerClient, type PatientSummary } from '../api/patient.resource';
import { ErrorMessage } from '../components/ErrorMessage';
import { FieldError } from '../components/questionnaire/FieldError';

export function RegisterClient({ pic, onRegistered, onCancel }: { pic: string; onRegistered: (patient: PatientSummary) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [family, setFamily] = useState('');
  const [given, setGiven] = useState('');
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<{ family?: string; phone?: string }>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const phoneText = phone.replace(/[\s-]/g, '');
    const found = {
      ...(family.trim() ? {} : { family: t('registration.familyMissing') }),
      ...(phoneText === '' || /^(\+358|0)\d{5,12}$/.test(phoneText) ? {} : { phone: t('registration.phoneInvalid') }),
    };
    setErrors(found);
    if (found.family) return document.getElementById('register-family')?.focus();
    if (found.phone) return document.getElementById('register-phone')?.focus();
    setBusy(true);
    setFailure(undefined);
    try {
      onRegistered(await registerClient({ pic, family: family.trim(), given: given.trim(), phone: phoneText }));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="panel register-client" aria-labelledby="register-title" data-testid="register-client">
      <h3 id="register-title">{t('registration.title')}</h3>
      <p>{t('registration.intro', { pic })}</p>
      {failure !== undefined && (failure instanceof ApiError && failure.status === 409 ? <p role="alert" className="notice notice-error">{t('registration.alreadyRegistered')}</p> : <ErrorMessage error={failure} />)}
      <div className={errors.family ? 'field has-error' : 'field'}>
        <label htmlFor="register-family">{t('registration.family')}</label>
        <FieldError id="register-family-error" message={errors.family} />
        <input id="register-family" className="input" value={family} maxLength={100} autoComplete="off" aria-invalid={errors.family ? true : undefined} aria-describedby={errors.family ? 'register-family-error' : undefined} onChange={(e) => setFamily(e.target.value)} data-testid="register-family" />
      </div>
      <div className="field">
        <label htmlFor="register-given">{t('registration.given')}</label>
        <input id="register-given" className="input" value={given} maxLength={100} autoComplete="off" onChange={(e) => setGiven(e.target.value)} data-testid="register-given" />
      </div>
      <div className={errors.phone ? 'field has-error' : 'field'}>
        <label htmlFor="register-phone">{t('registration.phone')}</label>
        <p id="register-phone-hint" className="hint">{t('registration.phoneHint')}</p>
        <FieldError id="register-phone-error" message={errors.phone} />
        <input id="register-phone" className="input" type="tel" value={phone} maxLength={20} autoComplete="off" aria-invalid={errors.phone ? true : undefined} aria-describedby={errors.phone ? 'register-phone-hint register-phone-error' : 'register-phone-hint'} onChange={(e) => setPhone(e.target.value)} data-testid="register-phone" />
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="register-submit">{t('registration.submit')}</button>
        <button type="button" className="button button-secondary" onClick={onCancel}>{t('registration.cancel')}</button>
      </div>
    </form>
  );
}

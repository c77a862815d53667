/**
 * Finding a client by name: a separate action that needs a written reason first. The search
 * is recorded and flagged, and every person shown sees it in their own log. At most ten
 * people, with name, birth year and municipality only; choosing one reads that client with
 * the same reason.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ACCESS_REASON, needsAccessReason } from '../api/accessReason';
import { ApiError } from '../api/client';
import { findClientsByName, MAX_NAME_LENGTH, MAX_NAME_RESULTS, MIN_NAME_LENGTH, type ClientHit } from '../api/clientLookup.resource';
import { fetchPatient, type PatientSummary } from '../api/patient.resource';
import { ErrorMessage } from '../components/ErrorMessage';
import { FieldError } from '../components/questionnaire/FieldError';

type Field = 'reason' | 'name' | 'birthYear';

const FIELD_IDS: Record<Field, string> = { reason: 'name-lookup-reason', name: 'name-lookup-name', birthYear: 'name-lookup-birth-year' };
const ORDER: Field[] = ['reason', 'name', 'birthYear'];

function parseBirthYear(text: string): number | undefined | 'invalid' {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  if (!/^\d{4}$/.test(trimmed)) return 'invalid';
  const year = Number(trimmed);
  return year >= 1880 && year <= new Date().getFullYear() ? year : 'invalid';
}

export function NameLookup({ onFound }: { onFound: (patient: PatientSummary, reason: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [name, setName] = useState('');
  const [birthYear, setBirthYear] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<unknown>();
  const [searching, setSearching] = useState(false);
  const [picking, setPicking] = useState<string>();
  /** The last answer, with the reason it was searched with (the pick reads the client with it). */
  const [result, setResult] = useState<{ hits: ClientHit[]; reason: string }>();
  const resultRef = useRef<HTMLHeadingElement>(null);

  const showErrors = (found: Partial<Record<Field, string>>) => {
    setErrors(found);
    const first = ORDER.find((f) => found[f]);
    if (first) document.getElementById(FIELD_IDS[first])?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    const year = parseBirthYear(birthYear);
    const found: Partial<Record<Field, string>> = {};
    if (!reason.trim()) found.reason = t('nameLookup.reasonRequired');
    if (name.trim().length < MIN_NAME_LENGTH) found.name = t('nameLookup.nameTooShort');
    if (year === 'invalid') found.birthYear = t('nameLookup.birthYearInvalid');
    showErrors(found);
    if (Object.keys(found).length > 0 || year === 'invalid') return;
    setSearching(true);
    setResult(undefined);
    try {
      const text = reason.trim();
      const hits = await findClientsByName({ name, birthYear: year, reason: text });
      setResult({ hits, reason: text });
      // Move to the answer so that it is heard and the list is next.
      requestAnimationFrame(() => resultRef.current?.focus());
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        const named = error.issues.flatMap((i) => i.expression);
        showErrors(named.includes('birthYear') ? { birthYear: t('nameLookup.birthYearInvalid') } : { name: t('nameLookup.nameTooShort') });
      } else if (needsAccessReason(error)) showErrors({ reason: t('nameLookup.reasonNeeded') });
      else setFailure(error);
    } finally {
      setSearching(false);
    }
  };

  const pick = async (hit: ClientHit, withReason: string) => {
    setFailure(undefined);
    setPicking(hit.reference);
    try {
      onFound(await fetchPatient(hit.reference, withReason), withReason);
    } catch (error) {
      setFailure(error);
      setPicking(undefined);
    }
  };

  const describedBy = (field: Field, hint = true) =>
    [hint ? `${FIELD_IDS[field]}-hint` : '', errors[field] ? `${FIELD_IDS[field]}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <div className="name-lookup">
      <form noValidate onSubmit={(e) => void submit(e)} role="search" aria-label={t('lookup.mode.name')} aria-busy={searching} data-testid="name-lookup">
        <p>{t('nameLookup.intro')}</p>
        <p className="callout callout-warning" id="name-lookup-recorded">
          <span aria-hidden="true">⚑ </span>
          {t('nameLookup.recorded')}
        </p>
        {failure !== undefined && <ErrorMessage error={failure} />}
        <div className={errors.reason ? 'field has-error' : 'field'}>
          <label htmlFor={FIELD_IDS.reason}>
            {t('nameLookup.reason')} <span className="required-mark">({t('common.required')})</span>
          </label>
          <p id={`${FIELD_IDS.reason}-hint`} className="hint">
            {t('nameLookup.reasonHint')}
          </p>
          <FieldError id={`${FIELD_IDS.reason}-error`} message={errors.reason} />
          <textarea
            id={FIELD_IDS.reason}
            className="input"
            rows={2}
            maxLength={MAX_ACCESS_REASON}
            value={reason}
            required
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={describedBy('reason')}
            data-testid="name-lookup-reason"
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <div className={errors.name ? 'field has-error' : 'field'}>
          <label htmlFor={FIELD_IDS.name}>
            {t('nameLookup.name')} <span className="required-mark">({t('common.required')})</span>
          </label>
          <p id={`${FIELD_IDS.name}-hint`} className="hint">
            {t('nameLookup.nameHint')}
          </p>
          <FieldError id={`${FIELD_IDS.name}-error`} message={errors.name} />
          <input
            id={FIELD_IDS.name}
            className="input"
            value={name}
            autoComplete="off"
            spellCheck={false}
            maxLength={MAX_NAME_LENGTH}
            required
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy('name')}
            data-testid="name-lookup-name"
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className={errors.birthYear ? 'field has-error' : 'field'}>
          <label htmlFor={FIELD_IDS.birthYear}>{t('nameLookup.birthYear')}</label>
          <p id={`${FIELD_IDS.birthYear}-hint`} className="hint">
            {t('nameLookup.birthYearHint')}
          </p>
          <FieldError id={`${FIELD_IDS.birthYear}-error`} message={errors.birthYear} />
          <input
            id={FIELD_IDS.birthYear}
            className="input input-number"
            value={birthYear}
            inputMode="numeric"
            autoComplete="off"
            maxLength={4}
            aria-invalid={errors.birthYear ? true : undefined}
            aria-describedby={describedBy('birthYear')}
            data-testid="name-lookup-birth-year"
            onChange={(e) => setBirthYear(e.target.value)}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={searching} data-testid="name-lookup-submit">
          {searching ? t('phone.searching') : t('nameLookup.submit')}
        </button>
      </form>
      {result && (
        <section className="name-lookup-results" aria-labelledby="name-lookup-results-title">
          <h3 id="name-lookup-results-title" ref={resultRef} tabIndex={-1}>
            {result.hits.length === 0 ? t('nameLookup.noResults') : t('nameLookup.results', { count: result.hits.length })}
          </h3>
          {result.hits.length === 0 && (
            <p className="empty" data-testid="name-lookup-empty">
              {t('nameLookup.none')}
            </p>
          )}
          {result.hits.length >= MAX_NAME_RESULTS && <p className="hint">{t('nameLookup.limit', { count: MAX_NAME_RESULTS })}</p>}
          {result.hits.length > 0 && (
            <ul className="card-list">
              {result.hits.map((hit) => (
                <li key={hit.reference} className="card" data-testid="name-lookup-result" data-ref={hit.reference}>
                  <p className="patient-name">{hit.name || t('appointment.clientFallback')}</p>
                  <p className="muted">
                    {[hit.birthYear !== undefined ? t('nameLookup.born', { year: hit.birthYear }) : t('nameLookup.bornUnknown'), hit.municipality].filter(Boolean).join(' · ')}
                  </p>
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={picking !== undefined}
                    data-testid="name-lookup-pick"
                    onClick={() => void pick(hit, result.reason)}
                  >
                    {picking === hit.reference ? t('nameLookup.opening') : t('nameLookup.pick')}
                    <span className="visually-hidden"> {hit.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

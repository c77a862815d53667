/** The client found by the lookup: name and birth date, so staff can check it is the right person. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../api/patient.resource';
import { formatDate } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

interface Props {
  patient: PatientSummary;
  onChange: () => void;
}

export function PatientCard({ patient, onChange }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="patient-card" data-testid="pic-lookup-result" aria-labelledby="patient-found">
      <p id="patient-found" className="muted">
        {t('phone.found')}
      </p>
      <p className="patient-name">{patient.name}</p>
      {patient.birthDate && <p>{t('common.born', { date: formatDate(patient.birthDate, lang) })}</p>}
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={onChange}>
          {t('phone.change')}
        </button>
      </div>
    </div>
  );
}

/**
 * The client's allergies, active conditions and vaccinations, read-only and compact. Allergies
 * come first and a high-risk one stands out: it is safety information for whoever treats the
 * client next. An empty list says "none you may see", never "none": records of a register the
 * professional may not see are left out without a trace (decision 026).
 */
import { useTranslation } from 'react-i18next';
import { fetchClinicalRecord, type RecordLine } from '../../api/clinicalRecord.resource';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { useAsync } from '../../components/useAsync';
import { formatDate } from '../../i18n/format';
import { useLanguage } from '../../i18n/useLanguage';

function Lines({ lines, kind }: { lines: RecordLine[]; kind: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  if (lines.length === 0) return <p className="muted" data-testid={`clinical-${kind}-none`}>{t('clinicalRecord.none')}</p>;
  return (
    <ul className="plain-list clinical-lines">
      {lines.map((line) => (
        <li key={line.id} data-testid={`clinical-${kind}`} data-code={line.code ?? ''}>
          {line.highRisk && <span className="badge badge-danger">{t('clinicalRecord.highRisk')}</span>} <strong>{line.text || t('clinicalRecord.noText')}</strong>
          {line.reaction && <span> · {line.reaction}</span>}
          {line.date && <span className="muted"> · {formatDate(line.date, lang)}</span>}
        </li>
      ))}
    </ul>
  );
}

export function ClinicalRecord({ patientRef, reason }: { patientRef: string; reason?: string }) {
  const { t } = useTranslation();
  const record = useAsync(() => fetchClinicalRecord(patientRef, reason), [patientRef, reason]);
  return (
    <section className="panel" aria-labelledby="clinical-record-title" data-testid="clinical-record">
      <h2 id="clinical-record-title">{t('clinicalRecord.title')}</h2>
      {record.loading && !record.data && <Loading />}
      {record.error !== undefined && !record.loading && (
        <div className="small">
          <p className="muted">{t('clinicalRecord.unavailable')}</p>
          <ErrorMessage error={record.error} onRetry={record.reload} />
        </div>
      )}
      {record.data && (
        <>
          <h3 className="form-subheading">{t('clinicalRecord.allergies')}</h3>
          <Lines lines={record.data.allergies} kind="allergy" />
          <h3 className="form-subheading">{t('clinicalRecord.conditions')}</h3>
          <Lines lines={record.data.conditions} kind="condition" />
          <h3 className="form-subheading">{t('clinicalRecord.immunizations')}</h3>
          <Lines lines={record.data.immunizations} kind="immunization" />
        </>
      )}
    </section>
  );
}

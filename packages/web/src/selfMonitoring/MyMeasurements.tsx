/** The resident's home measurements: record one (with what to do now after a dangerous value), trends, tables, import, print. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeasurementAdvice } from '@ovi/domain';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { StatusMessage } from '../components/StatusMessage';
import { useAsync } from '../components/useAsync';
import { fetchMyPrincipals } from '../api/principals.resource';
import { useSession } from '../auth/SessionContext';
import { AdviceNow } from './AdviceNow';
import { CsvImport } from './CsvImport';
import { KindSummaryPanel } from './KindSummaryPanel';
import { MeasurementForm } from './MeasurementForm';
import { fetchSummary } from './selfMonitoring.resource';
import './selfMonitoring.css';

export function MyMeasurements() {
  const { t } = useTranslation();
  const { user } = useSession();
  // A guardian or an authorised representative keeps the measurements of the one they act for too.
  const principals = useAsync(() => fetchMyPrincipals().catch(() => []), [user?.fhirUser]);
  const [whose, setWhose] = useState<string>();
  const other = whose && whose !== user?.fhirUser ? whose : undefined;
  const summary = useAsync(() => fetchSummary(other), [other]);
  const [advice, setAdvice] = useState<MeasurementAdvice[]>([]);
  const [saved, setSaved] = useState<string>();
  const adviceRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (advice.length > 0) adviceRef.current?.querySelector<HTMLElement>('[data-testid="sm-advice"]')?.focus();
  }, [advice]);

  return (
    <>
      <PageHeading title={t('selfMonitoring.title')}>{t('selfMonitoring.title')}</PageHeading>
      <div ref={adviceRef}><AdviceNow advice={advice} /></div>
      <p className="lead no-print">{t('selfMonitoring.intro')}</p>
      {(principals.data?.length ?? 0) > 0 && (
        <div className="field no-print">
          <label htmlFor="sm-whose">{t('selfMonitoring.whose')}</label>
          <select id="sm-whose" className="input" value={whose ?? user?.fhirUser ?? ''} data-testid="sm-whose" onChange={(e) => { setWhose(e.target.value); setAdvice([]); setSaved(undefined); }}>
            <option value={user?.fhirUser ?? ''}>{t('selfMonitoring.whoseSelf')}</option>
            {principals.data?.map((p) => (
              <option key={p.reference} value={p.reference}>{p.name ?? p.reference}</option>
            ))}
          </select>
        </div>
      )}
      {saved && <StatusMessage tone="success" testId="sm-saved">{saved}</StatusMessage>}
      <div className="no-print">
        <MeasurementForm
          key={other ?? 'self'}
          {...(other ? { patient: other } : {})}
          onRecorded={(answer, now) => {
            setAdvice(now);
            setSaved(t(answer.finding.severity === 'outside-target' ? 'selfMonitoring.savedOutside' : 'selfMonitoring.saved'));
            summary.reload();
          }}
        />
      </div>
      {summary.loading && !summary.data && <Loading />}
      {summary.error !== undefined && <ErrorMessage error={summary.error} onRetry={summary.reload} />}
      {summary.data?.kinds.map((k) => <KindSummaryPanel key={k.kind} summary={k} />)}
      <button type="button" className="button button-secondary no-print" onClick={() => window.print()}>{t('selfMonitoring.print')}</button>
      {/* A meter's export is imported for oneself only. */}
      {!other && <CsvImport onStored={(report) => { setAdvice(report.advice); summary.reload(); }} />}
    </>
  );
}

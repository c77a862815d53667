/** Bringing in a home meter's export: a preview with each row's problems first, then storing the good rows. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { StatusMessage } from '../components/StatusMessage';
import { importCsv, type ImportReport } from './selfMonitoring.resource';

export function CsvImport({ onStored }: { onStored: (report: ImportReport) => void }) {
  const { t } = useTranslation();
  const [csv, setCsv] = useState<string>();
  const [preview, setPreview] = useState<ImportReport>();
  const [done, setDone] = useState<string>();
  const [failure, setFailure] = useState<unknown>();

  const choose = async (file: File | undefined) => {
    setPreview(undefined);
    setDone(undefined);
    setFailure(undefined);
    if (!file) return;
    const text = await file.text();
    setCsv(text);
    try {
      setPreview(await importCsv(text, true));
    } catch (error) {
      setFailure(error);
    }
  };
  const store = async () => {
    if (!csv) return;
    try {
      const report = await importCsv(csv, false);
      setPreview(undefined);
      setDone(t('selfMonitoring.import.stored', { count: report.stored }));
      onStored(report);
    } catch (error) {
      setFailure(error);
    }
  };
  const bad = preview?.rows.filter((r) => r.status === 'invalid') ?? [];
  return (
    <section className="panel sm-import no-print" aria-labelledby="sm-import-title">
      <h2 id="sm-import-title">{t('selfMonitoring.import.title')}</h2>
      <p>{t('selfMonitoring.import.intro')}</p>
      <label htmlFor="sm-file">{t('selfMonitoring.import.file')}</label>
      <input id="sm-file" type="file" accept=".csv,text/csv" onChange={(e) => void choose(e.target.files?.[0])} />
      {failure !== undefined && <ErrorMessage error={failure} />}
      {done && <StatusMessage>{done}</StatusMessage>}
      {preview && (
        <div data-testid="sm-import-preview">
          <p>{t('selfMonitoring.import.summary', { valid: preview.valid, invalid: preview.invalid, duplicates: preview.duplicates })}</p>
          {bad.length > 0 && (
            <ul>{bad.map((r) => <li key={r.line}>{t('selfMonitoring.import.row', { line: r.line })}: {r.problems.map((p) => p.message).join('; ')}</li>)}</ul>
          )}
          {preview.valid > 0 && <button type="button" className="button button-primary" onClick={() => void store()}>{t('selfMonitoring.import.store', { count: preview.valid })}</button>}
        </div>
      )}
    </section>
  );
}

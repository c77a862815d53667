/** Why an assessment was not saved, in words: no registration for this register, or already resolved. */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';

export function AssessmentFailure({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || (error.status !== 403 && error.status !== 409 && error.status !== 400)) return <ErrorMessage error={error} />;
  const key = error.status === 403 ? 'assessment.notQualified' : error.status === 409 ? 'assessment.alreadyResolved' : 'assessment.notAccepted';
  // The server's own words name the register (Terhikki / Suosikki) or the field it refused.
  const detail = error.issues.map((i) => i.message).filter(Boolean).join(' ');
  return (
    <div role="alert" className="notice notice-error" data-testid="assessment-error">
      <p>{t(key)}</p>
      {detail && error.status !== 409 && <p className="small">{detail}</p>}
    </div>
  );
}

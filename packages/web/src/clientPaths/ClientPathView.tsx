/** One client path as a resident reads it: steps, what to expect, services to contact, "contact us". */
import { useTranslation } from 'react-i18next';
import { Link } from '../app/router';
import { ServiceCard } from '../serviceFinder/ServiceCard';
import type { ShownClientPath } from './clientPaths.resource';
import '../serviceFinder/serviceFinder.css';

export function ClientPathView({ path, preview = false }: { path: ShownClientPath; preview?: boolean }) {
  const { t } = useTranslation();
  return (
    <article data-testid={preview ? 'client-path-preview' : 'client-path'}>
      <p className="lead">{path.summary}</p>
      <h2>{t('clientPaths.steps')}</h2>
      <ol className="path-steps">
        {path.steps.map((step, i) => (
          <li key={i}>
            <h3>{step.title}</h3>
            <p>{step.text}</p>
            {step.expect && (
              <p className="path-expect">
                <strong>{t('clientPaths.expect')}</strong> {step.expect}
              </p>
            )}
          </li>
        ))}
      </ol>
      <h2>{t('clientPaths.contactUs')}</h2>
      <p>{t('clientPaths.contactIntro')}</p>
      {preview ? (
        <p className="hint">{path.contactLink}</p>
      ) : (
        <p>
          <Link to={path.contactLink} className="button button-primary" data-testid="client-path-contact">
            {t('clientPaths.contactButton')}
          </Link>
        </p>
      )}
      {path.serviceCards.length > 0 && (
        <>
          <h2>{t('clientPaths.services')}</h2>
          <ul className="card-list">
            {path.serviceCards.map((s) => <ServiceCard key={s.id} service={s} />)}
          </ul>
        </>
      )}
    </article>
  );
}

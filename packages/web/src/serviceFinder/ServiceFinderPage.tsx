/**
 * "Find services": the catalogue searched by need words, with municipality and age filters,
 * and the client paths for a family's critical situations. Open without logging in.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../app/router';
import { clientPathPath } from '../app/routes';
import { fetchClientPathList } from '../clientPaths/clientPaths.resource';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useAsync } from '../components/useAsync';
import { useLanguage } from '../i18n/useLanguage';
import { ServiceCard } from './ServiceCard';
import { fetchMunicipalities, searchServices, type ServiceSearch } from './serviceFinder.resource';
import './serviceFinder.css';

const MAX_QUERY = 200;

export function ServiceFinderPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [q, setQ] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [age, setAge] = useState('');
  const [ageError, setAgeError] = useState<string>();
  const [search, setSearch] = useState<ServiceSearch>();
  const municipalities = useAsync(() => fetchMunicipalities().catch(() => []), []);
  const paths = useAsync(() => fetchClientPathList(lang), [lang]);
  const results = useAsync(() => (search ? searchServices({ ...search, lang }) : Promise.resolve(undefined)), [search, lang]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = age.trim();
    if (trimmed && (!/^\d{1,3}$/.test(trimmed) || Number(trimmed) > 120)) {
      setAgeError(t('serviceFinder.ageInvalid'));
      return;
    }
    setAgeError(undefined);
    setSearch({ q, lang, ...(municipality ? { municipality } : {}), ...(trimmed ? { age: Number(trimmed) } : {}) });
  };

  // A new result list is announced once, politely.
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (results.data) setAnnouncement(t('serviceFinder.resultCount', { count: results.data.total }));
  }, [results.data, t]);

  return (
    <>
      <PageHeading title={t('serviceFinder.title')}>{t('serviceFinder.title')}</PageHeading>
      <p className="lead">{t('serviceFinder.intro')}</p>
      <p className="callout callout-warning">
        <span aria-hidden="true">☎ </span>
        {t('serviceFinder.emergency')}
      </p>
      <section aria-labelledby="paths-heading">
        <h2 id="paths-heading">{t('clientPaths.heading')}</h2>
        {paths.loading && <Loading />}
        {paths.error !== undefined && <ErrorMessage error={paths.error} onRetry={paths.reload} />}
        {paths.data && (
          <ul className="path-list" data-testid="client-path-list">
            {paths.data.map((p) => (
              <li key={p.id}>
                <Link to={clientPathPath(p.id)} data-testid={`client-path-${p.id}`}>
                  {p.title}
                  <span className="hint" style={{ display: 'block' }}>{p.summary}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="search-heading">
        <h2 id="search-heading">{t('serviceFinder.searchHeading')}</h2>
        <form className="finder-form" role="search" noValidate onSubmit={submit}>
          <div className="field finder-query">
            <label htmlFor="finder-q">{t('serviceFinder.query')}</label>
            <p id="finder-q-hint" className="hint">{t('serviceFinder.queryHint')}</p>
            <input id="finder-q" className="input" type="search" maxLength={MAX_QUERY} value={q} aria-describedby="finder-q-hint" data-testid="finder-q" onChange={(e) => setQ(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="finder-municipality">{t('serviceFinder.municipality')}</label>
            <select id="finder-municipality" className="input" value={municipality} data-testid="finder-municipality" onChange={(e) => setMunicipality(e.target.value)}>
              <option value="">{t('serviceFinder.anyMunicipality')}</option>
              {(municipalities.data ?? []).map((m) => (
                <option key={m.code} value={m.code}>{lang === 'sv' ? m.sv : m.fi}</option>
              ))}
            </select>
          </div>
          <div className={ageError ? 'field has-error' : 'field'}>
            <label htmlFor="finder-age">{t('serviceFinder.age')}</label>
            {ageError && <p id="finder-age-error" className="field-error">{ageError}</p>}
            <input
              id="finder-age"
              className="input input-number"
              inputMode="numeric"
              maxLength={3}
              value={age}
              aria-invalid={ageError ? true : undefined}
              aria-describedby={ageError ? 'finder-age-error' : undefined}
              data-testid="finder-age"
              onChange={(e) => setAge(e.target.value)}
            />
          </div>
          <div className="button-row finder-query">
            <button type="submit" className="button button-primary" data-testid="finder-search">{t('serviceFinder.search')}</button>
          </div>
        </form>
        <p role="status" aria-live="polite" className="visually-hidden">{announcement}</p>
        {results.loading && <Loading />}
        {results.error !== undefined && <ErrorMessage error={results.error} onRetry={results.reload} />}
        {results.data && (
          <>
            <p data-testid="finder-count">{t('serviceFinder.resultCount', { count: results.data.total })}</p>
            {results.data.total === 0 && <p className="hint">{t('serviceFinder.noResults')}</p>}
            <ul className="card-list" data-testid="finder-results">
              {results.data.services.map((s) => <ServiceCard key={s.id} service={s} />)}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

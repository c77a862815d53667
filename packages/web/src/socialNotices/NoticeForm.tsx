/**
 * A concern about a child (child-welfare notification) or an adult (social-welfare contact), or
 * the resident's own application. Without logging in a child-welfare notification may be made
 * without a name; a professional's notice always carries their name from their account.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useSession } from '../auth/SessionContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { ResidentNoteList } from '../components/ResidentNoteList';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { formToken } from '../helpRequests/helpRequest.resource';
import { Honeypot } from '../helpRequests/Honeypot';
import { sendNotice, type NoticeAnswer } from './notice.resource';

type Kind = 'child-welfare-notification' | 'social-welfare-contact' | 'application';
const SERVICES = ['home-help', 'family-work', 'social-guidance'] as const;

export function NoticeForm() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { user } = useSession();
  const resident = user?.roles.includes('resident') ?? false;
  const professional = !!user && !resident;
  const [token, setToken] = useState('');
  const [kind, setKind] = useState<Kind>('child-welfare-notification');
  const [f, setF] = useState({ name: '', birthDate: '', address: '', description: '', anonymous: false, reporterName: '', reporterPhone: '', organisation: '', service: 'home-help', website: '' });
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState<NoticeAnswer>();

  useEffect(() => {
    if (!user) formToken('social-notices').then(setToken, setError);
  }, [user]);
  const set = (name: keyof typeof f) => (value: string | boolean) => setF((old) => ({ ...old, [name]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    const about = kind === 'application' ? undefined : { name: f.name, ...(f.birthDate ? { birthDate: f.birthDate } : {}), ...(f.address ? { address: f.address } : {}) };
    const reporter = f.anonymous ? { anonymous: true } : { ...(f.reporterName && !user ? { name: f.reporterName } : {}), ...(f.reporterPhone ? { phone: f.reporterPhone } : {}), ...(f.organisation ? { organisation: f.organisation } : {}) };
    try {
      setSent(await sendNotice({ kind, ...(about ? { about } : {}), ...(kind === 'application' ? { service: f.service } : { reporter }), description: f.description, ...(user ? {} : { formToken: token, website: f.website }) }));
    } catch (e) {
      setError(e);
    }
  }

  if (sent) {
    return (
      <section data-testid="notice-sent">
        <h1>{t('socialNotices.sentHeading')}</h1>
        <ResidentNoteList notes={sent.notes} />
        <p role="status">{t('socialNotices.sent', { time: formatDateTime(sent.receivedAt, lang) })}</p>
      </section>
    );
  }
  const kinds: Kind[] = resident ? ['child-welfare-notification', 'social-welfare-contact', 'application'] : ['child-welfare-notification', 'social-welfare-contact'];
  return (
    <form onSubmit={submit} noValidate data-testid="notice-form">
      <h1>{t('socialNotices.heading')}</h1>
      <p className="notice notice-flag">{t('socialNotices.emergency')}</p>
      <fieldset>
        <legend>{t('socialNotices.kind')}</legend>
        {kinds.map((k) => (
          <label key={k} className="choice">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} data-testid={`notice-kind-${k}`} /> {t(`socialNotices.kinds.${k}`)}
          </label>
        ))}
      </fieldset>
      {kind === 'application' ? (
        <>
          <label htmlFor="notice-service">{t('socialNotices.service')}</label>
          <select className="input" id="notice-service" value={f.service} onChange={(e) => set('service')(e.target.value)}>
            {SERVICES.map((s) => <option key={s} value={s}>{t(`socialNotices.services.${s}`)}</option>)}
          </select>
        </>
      ) : (
        <>
          <label htmlFor="notice-about-name">{t('socialNotices.aboutName')}</label>
          <input className="input" id="notice-about-name" value={f.name} onChange={(e) => set('name')(e.target.value)} />
          <label htmlFor="notice-about-birth">{t('socialNotices.aboutBirthDate')}</label>
          <input className="input" id="notice-about-birth" type="date" value={f.birthDate} onChange={(e) => set('birthDate')(e.target.value)} />
          <label htmlFor="notice-about-address">{t('socialNotices.aboutAddress')}</label>
          <input className="input" id="notice-about-address" value={f.address} onChange={(e) => set('address')(e.target.value)} />
        </>
      )}
      <label htmlFor="notice-description">{t(kind === 'application' ? 'socialNotices.need' : 'socialNotices.description')}</label>
      <textarea className="input" id="notice-description" rows={5} value={f.description} onChange={(e) => set('description')(e.target.value)} />
      {kind !== 'application' && (
        <fieldset>
          <legend>{t('socialNotices.reporter')}</legend>
          {professional && <p data-testid="notice-named">{t('socialNotices.professionalNamed', { name: user?.name ?? '' })}</p>}
          {!professional && kind === 'child-welfare-notification' && (
            <label className="choice">
              <input type="checkbox" checked={f.anonymous} onChange={(e) => set('anonymous')(e.target.checked)} data-testid="notice-anonymous" /> {t('socialNotices.anonymous')}
            </label>
          )}
          {!f.anonymous && !user && (
            <>
              <label htmlFor="notice-reporter-name">{t('socialNotices.reporterName')}</label>
              <input className="input" id="notice-reporter-name" autoComplete="name" value={f.reporterName} onChange={(e) => set('reporterName')(e.target.value)} />
            </>
          )}
          {!f.anonymous && (
            <>
              <label htmlFor="notice-reporter-phone">{t('socialNotices.reporterPhone')}</label>
              <input className="input" id="notice-reporter-phone" type="tel" autoComplete="tel" value={f.reporterPhone} onChange={(e) => set('reporterPhone')(e.target.value)} />
            </>
          )}
          {professional && (
            <>
              <label htmlFor="notice-organisation">{t('socialNotices.organisation')}</label>
              <input className="input" id="notice-organisation" value={f.organisation} onChange={(e) => set('organisation')(e.target.value)} />
            </>
          )}
        </fieldset>
      )}
      {!user && <Honeypot value={f.website} onChange={set('website')} />}
      {error !== undefined && (error instanceof ApiError && error.status === 400 ? (
        <div role="alert" className="notice notice-error"><ul>{error.issues.map((i) => <li key={i.message}>{i.message}</li>)}</ul></div>
      ) : <ErrorMessage error={error} />)}
      <button type="submit" className="button" disabled={!user && !token} data-testid="notice-send">{t('socialNotices.send')}</button>
    </form>
  );
}

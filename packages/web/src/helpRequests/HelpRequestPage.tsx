/** The help button's form: name, phone, what it is about and when to call; sent without logging in. */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { ResidentNoteList } from '../components/ResidentNoteList';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { formToken, sendHelpRequest, type HelpAnswer } from './helpRequest.resource';
import { Honeypot } from './Honeypot';

const BEST_TIMES = ['any', 'morning', 'afternoon', 'evening'] as const;

export function HelpRequestPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [token, setToken] = useState('');
  const [fields, setFields] = useState({ name: '', phone: '', message: '', bestTime: 'any', website: '' });
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState<HelpAnswer>();
  const [sending, setSending] = useState(false);

  useEffect(() => {
    formToken('help-requests').then(setToken, setError);
  }, []);

  const set = (name: keyof typeof fields) => (value: string) => setFields((f) => ({ ...f, [name]: value }));
  const fieldError = (field: string) => (error instanceof ApiError ? error.issues.find((i) => i.expression.includes(field))?.message : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSending(true);
    setError(undefined);
    try {
      setSent(await sendHelpRequest({ ...fields, service: 'family-centre', formToken: token }));
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  }

  if (sent) {
    return (
      <section data-testid="help-sent">
        <h1>{t('helpButton.sentHeading')}</h1>
        <ResidentNoteList notes={sent.notes} />
        <p role="status">{t('helpButton.sent', { time: formatDateTime(sent.callbackBy, lang) })}</p>
      </section>
    );
  }
  const phoneProblem = fieldError('phone');
  return (
    <form onSubmit={submit} noValidate data-testid="help-form">
      <h1>{t('helpButton.heading')}</h1>
      <p>{t('helpButton.emergency')}</p>
      <label htmlFor="help-name">{t('helpButton.name')}</label>
      <input id="help-name" required autoComplete="name" value={fields.name} onChange={(e) => set('name')(e.target.value)} />
      <label htmlFor="help-phone">{t('helpButton.phone')}</label>
      <input id="help-phone" type="tel" required autoComplete="tel" aria-describedby={phoneProblem ? 'help-phone-error' : undefined} aria-invalid={phoneProblem ? true : undefined} value={fields.phone} onChange={(e) => set('phone')(e.target.value)} />
      {phoneProblem && <p id="help-phone-error" className="field-error">{t('helpButton.badPhone')}</p>}
      <label htmlFor="help-message">{t('helpButton.message')}</label>
      <textarea id="help-message" required rows={4} value={fields.message} onChange={(e) => set('message')(e.target.value)} />
      <label htmlFor="help-best-time">{t('helpButton.bestTime')}</label>
      <select id="help-best-time" value={fields.bestTime} onChange={(e) => set('bestTime')(e.target.value)}>
        {BEST_TIMES.map((b) => <option key={b} value={b}>{t(`helpButton.times.${b}`)}</option>)}
      </select>
      <Honeypot value={fields.website} onChange={set('website')} />
      {error !== undefined && !phoneProblem && <ErrorMessage error={error} />}
      <button type="submit" className="button" disabled={sending || !token} data-testid="help-send">{t('helpButton.send')}</button>
    </form>
  );
}

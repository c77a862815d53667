/**
 * "Act for someone else": the resident chooses whom they act for — a child in their guardianship
 * or an adult who has authorised them (Suomi.fi mandates) — then sends a message for that person
 * and follows that person's messages. Everything done here is recorded on the other person, as
 * done by the resident, and shows in that person's own access log.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SentContact } from '../api/contact.resource';
import { fetchMyContacts } from '../api/contact.resource';
import { fetchDangerSignGuide } from '../api/dangerSigns.resource';
import { fetchMyPrincipals, type Principal } from '../api/principals.resource';
import { fetchContactQuestionnaire } from '../api/questionnaire.resource';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useAsync } from '../components/useAsync';
import { formatDate } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { ContactConfirmation } from './ContactConfirmation';
import { ContactSteps } from './ContactSteps';
import { EmergencyAdvice } from './EmergencyAdvice';
import { MyContactItem } from './MyContactItem';

/** The choice lasts for the browser tab (like the session), so moving between screens keeps it. */
const CHOICE_KEY = 'ovi.actingFor';

function storedChoice(): string | undefined {
  try {
    return sessionStorage.getItem(CHOICE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function storeChoice(reference: string | undefined): void {
  try {
    if (reference) sessionStorage.setItem(CHOICE_KEY, reference);
    else sessionStorage.removeItem(CHOICE_KEY);
  } catch {
    /* private mode: the choice lasts for this screen only */
  }
}

export function ActingFor() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const principals = useAsync(fetchMyPrincipals, []);
  const [chosen, setChosen] = useState<string | undefined>(storedChoice);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<SentContact>();
  const [round, setRound] = useState(0);
  const list = principals.data ?? [];
  // A stored choice that is no longer allowed (the authorisation ended) is dropped.
  const principal = list.find((p) => p.reference === chosen);

  useEffect(() => {
    if (principals.data && chosen && !principal) {
      storeChoice(undefined);
      setChosen(undefined);
    }
  }, [principals.data, chosen, principal]);

  const choose = (reference: string | undefined) => {
    storeChoice(reference);
    setChosen(reference);
    setSending(false);
    setSent(undefined);
  };

  const describe = (p: Principal, index: number) =>
    [
      p.name || t('subject.child', { number: index + 1 }),
      p.birthDate ? t('common.born', { date: formatDate(p.birthDate, lang) }) : '',
    ]
      .filter(Boolean)
      .join(', ');

  return (
    <>
      <PageHeading title={t('portal.acting.title')}>{t('portal.acting.title')}</PageHeading>
      <p className="lead">{t('portal.acting.intro')}</p>
      {principals.loading && !principals.data && <Loading />}
      {principals.error !== undefined && <ErrorMessage error={principals.error} onRetry={principals.reload} />}
      {principals.data && list.length === 0 && (
        <div className="panel" data-testid="acting-for-none">
          <p>{t('portal.acting.none')}</p>
          <p className="hint">{t('portal.acting.noneHint')}</p>
        </div>
      )}
      {list.length > 0 && (
        <fieldset className="field choice" data-testid="principal-choice">
          <legend>{t('portal.acting.question')}</legend>
          <div className="options">
            {list.map((p, index) => {
              const id = `principal-${index}`;
              return (
                <div className="option" key={p.reference}>
                  <input
                    type="radio"
                    id={id}
                    name="principal"
                    value={p.reference}
                    checked={chosen === p.reference}
                    data-testid="principal"
                    data-ref={p.reference}
                    data-kind={p.kind}
                    aria-describedby={`${id}-authority`}
                    onChange={() => choose(p.reference)}
                  />
                  <label htmlFor={id}>
                    {/* One flex item, so that the authority goes under the name. */}
                    <span>
                      {describe(p, index)}
                      <span id={`${id}-authority`} className="block muted small">
                        {t(`portal.acting.kind.${p.kind}`)}
                        {p.kind === 'representative' && p.validUntil ? ` – ${t('portal.acting.validUntil', { date: formatDate(p.validUntil, lang) })}` : ''}
                      </span>
                    </span>
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      )}
      {principal && (
        <Acting
          key={principal.reference}
          principal={principal}
          name={principal.name || t('subject.child', { number: list.indexOf(principal) + 1 })}
          sending={sending}
          sent={sent}
          round={round}
          onStartSending={() => setSending(true)}
          onSent={(contact) => {
            setSent(contact);
            setSending(false);
          }}
          onSendAnother={() => {
            setSent(undefined);
            setSending(true);
            setRound((n) => n + 1);
          }}
          onStop={() => choose(undefined)}
        />
      )}
    </>
  );
}

interface ActingProps {
  principal: Principal;
  name: string;
  sending: boolean;
  sent: SentContact | undefined;
  round: number;
  onStartSending: () => void;
  onSent: (contact: SentContact) => void;
  onSendAnother: () => void;
  onStop: () => void;
}

/** Acting for one person: their messages, and a new message for them. */
function Acting({ principal, name, sending, sent, round, onStartSending, onSent, onSendAnother, onStop }: ActingProps) {
  const { t } = useTranslation();
  const questionnaire = useAsync(fetchContactQuestionnaire, []);
  // Without the advice the screen still shows 112 (as when sending for oneself).
  const guide = useAsync(() => fetchDangerSignGuide().catch(() => undefined), []);
  // Read once the questionnaire is in (it names the reasons): each read shows in the principal's log.
  const contacts = useAsync(
    () => (questionnaire.loading ? Promise.resolve(undefined) : fetchMyContacts(principal.reference, questionnaire.data)),
    [principal.reference, questionnaire.loading, sent],
  );
  const form = questionnaire.data;

  return (
    <section className="section" aria-labelledby="acting-for-title" data-testid="acting-for" data-ref={principal.reference}>
      <h2 id="acting-for-title">{t('portal.acting.now', { name })}</h2>
      <p className="notice notice-info" role="status" data-testid="acting-for-now">
        {t(principal.kind === 'guardian' ? 'portal.acting.recordedChild' : 'portal.acting.recorded')}
      </p>
      <div className="button-row">
        {!sending && !sent && (
          <button type="button" className="button button-primary" data-testid="acting-for-send" onClick={onStartSending}>
            {t('portal.acting.send')}
          </button>
        )}
        <button type="button" className="button button-secondary" data-testid="acting-for-stop" onClick={onStop}>
          {t('portal.acting.stop')}
        </button>
      </div>

      {sent &&
        (sent.task?.urgency === 'emergent' ? (
          <EmergencyAdvice notes={sent.task.notes} />
        ) : (
          <ContactConfirmation task={sent.task} principal={principal} onSendAnother={onSendAnother} />
        ))}

      {sending && (
        <div className="panel" data-testid="acting-for-form">
          <h3>{t('portal.acting.sendTitle', { name })}</h3>
          <p className="callout callout-warning">
            <span aria-hidden="true">☎ </span>
            {t('send.emergencyNote')}
          </p>
          {(questionnaire.loading || guide.loading) && !questionnaire.error && <Loading />}
          {questionnaire.error !== undefined && <ErrorMessage error={questionnaire.error} onRetry={questionnaire.reload} />}
          {form && !guide.loading && (
            <ContactSteps key={round} questionnaire={form} guide={guide.data} me={principal.reference} children={[]} onSent={(contact) => onSent(contact)} />
          )}
        </div>
      )}

      <h2 id="acting-for-messages-title">{t('portal.acting.messages', { name })}</h2>
      {(contacts.loading || questionnaire.loading) && !contacts.data && <Loading />}
      {contacts.error !== undefined && <ErrorMessage error={contacts.error} onRetry={contacts.reload} />}
      {contacts.data && contacts.data.length === 0 && <p className="empty">{t('portal.acting.noMessages')}</p>}
      {contacts.data && contacts.data.length > 0 && (
        <ul className="card-list" data-testid="acting-for-messages" aria-labelledby="acting-for-messages-title">
          {contacts.data.map((c) => (
            <MyContactItem key={c.id} contact={c} />
          ))}
        </ul>
      )}
    </section>
  );
}

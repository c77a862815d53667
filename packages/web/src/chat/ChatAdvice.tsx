/** The danger-word advice in a chat, shown at once above the messages: 112 first, as a button. */
import { useTranslation } from 'react-i18next';
import type { ResidentNote } from '../api/residentNotes';
import { ResidentNoteList } from '../components/ResidentNoteList';

export function ChatAdvice({ notes }: { notes: ResidentNote[] }) {
  const { t } = useTranslation();
  if (notes.length === 0) return null;
  const emergency = notes.some((n) => n.kind === 'call-112');
  return (
    <section className={emergency ? 'emergency emergency-compact' : 'notice'} role="alert" aria-labelledby="chat-advice-title" data-testid="chat-advice">
      <h2 id="chat-advice-title">{t(emergency ? 'chat.adviceEmergency' : 'chat.adviceTitle')}</h2>
      {emergency && (
        <a className="button button-emergency" href="tel:112" data-testid="chat-call-112">
          {t('emergency.call')}
        </a>
      )}
      <ResidentNoteList notes={notes} skipKinds={emergency ? ['call-112'] : []} />
      <p>{t('chat.adviceStay')}</p>
    </section>
  );
}

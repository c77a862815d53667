/**
 * Admin: when each guidance queue and each live chat service is open. Outside a queue's hours
 * residents are told where to turn and urgent contacts go to the on-call route (docs/SAFETY.md),
 * so the hours are part of safety: the server checks them with the rest of the configuration
 * and keeps every version. A holiday week or a training day is a closed day here.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_CHAT_TEXT_LIMIT } from '@ovi/domain';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { FieldError } from '../../components/questionnaire/FieldError';
import { useAsync } from '../../components/useAsync';
import { HoursForm } from './HoursForm';
import { fetchChatSettings, fetchServiceHoursSetting, saveChatSettings, saveServiceHours, type ChatSettingsView } from './openingHours.resource';
import './openingHours.css';

const LIMITS = { maxTextLength: { min: 100, max: MAX_CHAT_TEXT_LIMIT }, maxAnonymousPerHour: { min: 1, max: 10_000 } } as const;
type LimitField = keyof typeof LIMITS;

export function OpeningHoursPage() {
  const { t } = useTranslation();
  const queues = useAsync(fetchServiceHoursSetting, []);
  const chat = useAsync(fetchChatSettings, []);
  return (
    <>
      <PageHeading title={t('openingHours.title')}>{t('openingHours.title')}</PageHeading>
      <p className="lead">{t('openingHours.intro')}</p>
      <p className="hint">{t('openingHours.howToType')}</p>
      {queues.loading && !queues.data && <Loading />}
      {queues.error !== undefined && <ErrorMessage error={queues.error} onRetry={queues.reload} />}
      {queues.data && (
        <HoursForm
          key="queues"
          prefix="queue"
          title={t('openingHours.queuesTitle')}
          intro={t('openingHours.queuesIntro')}
          items={queues.data.queues}
          save={async (items) => {
            if (!queues.data) return;
            await saveServiceHours({ version: queues.data.version, queues: items });
            queues.reload();
          }}
        />
      )}
      {chat.loading && !chat.data && <Loading />}
      {chat.error !== undefined && <ErrorMessage error={chat.error} onRetry={chat.reload} />}
      {chat.data && <ChatHours key="chat" settings={chat.data} onSaved={chat.reload} />}
    </>
  );
}

function ChatHours({ settings, onSaved }: { settings: ChatSettingsView; onSaved: () => void }) {
  const { t } = useTranslation();
  const [limits, setLimits] = useState<Record<LimitField, string>>({ maxTextLength: String(settings.maxTextLength), maxAnonymousPerHour: String(settings.maxAnonymousPerHour) });
  const valueOf = (field: LimitField): number | undefined => {
    const text = limits[field].trim();
    const n = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
    return n >= LIMITS[field].min && n <= LIMITS[field].max ? n : undefined;
  };
  const fieldId = (field: LimitField) => `chat-${field}`;
  const problems = (Object.keys(LIMITS) as LimitField[]).filter((f) => valueOf(f) === undefined).map((f) => ({ fieldId: fieldId(f), message: `${t(`openingHours.chat.${f}`)} – ${t('openingHours.chat.range', LIMITS[f])}` }));
  const fields = (
    <fieldset className="panel">
      <legend>{t('openingHours.chat.limitsTitle')}</legend>
      {(Object.keys(LIMITS) as LimitField[]).map((f) => {
        const wrong = valueOf(f) === undefined;
        return (
          <div key={f} className={wrong ? 'field has-error' : 'field'}>
            <label htmlFor={fieldId(f)}>{t(`openingHours.chat.${f}`)}</label>
            <p id={`${fieldId(f)}-hint`} className="hint">
              {t(`openingHours.chat.${f}Hint`, LIMITS[f])}
            </p>
            <FieldError id={`${fieldId(f)}-error`} message={wrong ? t('openingHours.chat.range', LIMITS[f]) : undefined} />
            <input
              id={fieldId(f)}
              className="input input-number"
              inputMode="numeric"
              autoComplete="off"
              value={limits[f]}
              aria-invalid={wrong || undefined}
              aria-describedby={wrong ? `${fieldId(f)}-hint ${fieldId(f)}-error` : `${fieldId(f)}-hint`}
              data-testid={fieldId(f)}
              onChange={(e) => setLimits((l) => ({ ...l, [f]: e.target.value }))}
            />
          </div>
        );
      })}
    </fieldset>
  );
  return (
    <HoursForm
      prefix="chat"
      title={t('openingHours.chatTitle')}
      intro={t('openingHours.chatIntro')}
      items={settings.services}
      extra={{ fields, problems }}
      save={async (items) => {
        await saveChatSettings({ ...settings, services: items, maxTextLength: valueOf('maxTextLength') ?? settings.maxTextLength, maxAnonymousPerHour: valueOf('maxAnonymousPerHour') ?? settings.maxAnonymousPerHour });
        onSaved();
      }}
    />
  );
}

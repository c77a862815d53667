/**
 * A ready-made message for the chosen outcome: fills the message to the resident in the
 * client's preferred language (or another the professional picks); the professional edits it
 * before sending. Text they wrote themselves is replaced only when they confirm.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuidanceOutcome, Language } from '@ovi/domain/src/types';
import { fetchReplyTemplates, templateText, templatesOf } from '../../api/replyTemplates.resource';
import { StatusMessage } from '../../components/StatusMessage';
import { useAsync } from '../../components/useAsync';
import { LANGUAGES } from '../../i18n';
import { useLanguage } from '../../i18n/useLanguage';
import { useClientLanguage } from './ClientLanguage';

interface Props {
  outcome: GuidanceOutcome | undefined;
  /** The message as it stands now. */
  note: string;
  onFill: (text: string) => void;
  /** The message field, focused after filling. */
  noteFieldId?: string;
}

export function ReplyTemplatePicker({ outcome, note, onFill, noteFieldId = 'decision-note' }: Props) {
  const { t } = useTranslation();
  const uiLanguage = useLanguage();
  const clientLanguage = useClientLanguage();
  const templates = useAsync(() => fetchReplyTemplates(), []);
  const list = templatesOf(templates.data, outcome);
  const [chosen, setChosen] = useState('');
  const [language, setLanguage] = useState<Language>(clientLanguage ?? uiLanguage);
  const [filledText, setFilledText] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string>();

  useEffect(() => {
    if (clientLanguage) setLanguage(clientLanguage);
  }, [clientLanguage]);
  useEffect(() => {
    setChosen(list[0]?.id ?? '');
    setConfirming(false);
    setDone(undefined);
    // A new outcome has its own templates.
  }, [outcome, templates.data]);

  if (!outcome) return null;
  if (templates.error !== undefined && !templates.data) return <p className="small muted">{t('workday.templates.unavailable')}</p>;
  if (list.length === 0) return null;
  const template = list.find((x) => x.id === chosen) ?? list[0];
  if (!template) return null;

  const apply = () => {
    const text = templateText(template, language);
    onFill(text);
    setFilledText(text);
    setConfirming(false);
    setDone(t('workday.templates.filled', { title: template.title[uiLanguage] || template.title.fi, language: t(`workday.languageName.${language}`) }));
    document.getElementById(noteFieldId)?.focus();
  };
  const fill = () => {
    setDone(undefined);
    // Words the professional wrote themselves are not thrown away without asking.
    if (note.trim() && note !== filledText) setConfirming(true);
    else apply();
  };

  return (
    <fieldset className="field-group" data-testid="reply-template-picker">
      <legend>{t('workday.templates.legend')}</legend>
      <p className="hint">{clientLanguage ? t('workday.templates.hintClient', { language: t(`workday.languageName.${clientLanguage}`) }) : t('workday.templates.hint')}</p>
      <div className="field">
        <label htmlFor="reply-template">{t('workday.templates.choose')}</label>
        <select id="reply-template" className="input" value={template.id} data-testid="reply-template-select" onChange={(e) => setChosen(e.target.value)}>
          {list.map((x) => (
            <option key={x.id} value={x.id}>
              {x.title[uiLanguage] || x.title.fi}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="reply-template-language">{t('workday.templates.language')}</label>
        <select
          id="reply-template-language"
          className="input"
          value={language}
          data-testid="reply-template-language"
          onChange={(e) => setLanguage(e.target.value as Language)}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`lang.${l}`)}
              {l === clientLanguage ? ` (${t('workday.templates.clientsLanguage')})` : ''}
            </option>
          ))}
        </select>
      </div>
      {confirming ? (
        <div role="alert" className="confirm-box" data-testid="reply-template-confirm">
          <p className="confirm-question">{t('workday.templates.replaceQuestion')}</p>
          <div className="button-row">
            <button type="button" className="button button-primary" data-testid="reply-template-replace" onClick={apply}>
              {t('workday.templates.replace')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              {t('workday.templates.keep')}
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <button type="button" className="button button-secondary" data-testid="reply-template-fill" onClick={fill}>
            {t('workday.templates.fill')}
          </button>
        </div>
      )}
      <StatusMessage testId="reply-template-filled">{done}</StatusMessage>
    </fieldset>
  );
}

/** One reply template's fields: its name in the picker and its message, each in three languages. */
import { useTranslation } from 'react-i18next';
import type { Language } from '@ovi/domain/src/types';
import { REPLY_TEMPLATE_LIMITS, type ReplyTemplate } from '@ovi/domain/src/replyTemplates';
import { FieldError } from '../components/questionnaire/FieldError';
import { LANGUAGES } from '../i18n';
import { useLanguage } from '../i18n/useLanguage';

export type Draft = ReplyTemplate & { key: string };
export type Part = 'title' | 'text';

export const fieldIdOf = (key: string, part: Part, lang: Language) => `template-${key}-${part}-${lang}`;

interface Props {
  draft: Draft;
  number: number;
  /** Messages by field id. */
  errors: Record<string, string>;
  onChange: (next: Draft) => void;
  onRemove: () => void;
}

export function ReplyTemplateFields({ draft, number, errors, onChange, onRemove }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const name = draft.title[lang] || draft.title.fi || t('workday.admin.untitled', { number });
  const field = (part: Part, language: Language) => {
    const id = fieldIdOf(draft.key, part, language);
    const error = errors[id];
    const max = part === 'title' ? REPLY_TEMPLATE_LIMITS.title : REPLY_TEMPLATE_LIMITS.text;
    const common = {
      id,
      className: 'input',
      lang: language,
      value: draft[part][language],
      maxLength: max,
      required: true,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `${id}-error` : undefined,
      'data-testid': `reply-template-${part}-${language}`,
    };
    const change = (value: string) => onChange({ ...draft, [part]: { ...draft[part], [language]: value } });
    return (
      <div key={id} className={error ? 'field has-error' : 'field'}>
        <label htmlFor={id}>
          {t(`workday.admin.${part}In.${language}`)} <span className="required-mark">({t('common.required')})</span>
        </label>
        <FieldError id={`${id}-error`} message={error} />
        {part === 'title' ? (
          <input {...common} autoComplete="off" onChange={(e) => change(e.target.value)} />
        ) : (
          <textarea {...common} rows={4} onChange={(e) => change(e.target.value)} />
        )}
      </div>
    );
  };
  return (
    <fieldset className="field-group" data-testid="reply-template" data-template-id={draft.id}>
      <legend>{name}</legend>
      {LANGUAGES.map((language) => field('title', language))}
      {LANGUAGES.map((language) => field('text', language))}
      <div className="button-row">
        <button type="button" className="button button-secondary" data-testid="reply-template-remove" onClick={onRemove}>
          {t('workday.admin.remove', { name })}
        </button>
      </div>
    </fieldset>
  );
}

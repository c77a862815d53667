/** "Whom is this about?": the resident or a child in their guardianship. Shown only to guardians. */
import { useTranslation } from 'react-i18next';
import type { Child } from '../api/children.resource';
import { FieldError } from '../components/questionnaire/FieldError';
import { formatDate } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

/** The id of the first radio, for the error summary's link. */
export const SUBJECT_FIELD_ID = 'subject-choice';

interface Props {
  me: string;
  children: Child[];
  value: string | undefined;
  error?: string;
  onChange: (reference: string) => void;
}

export function SubjectChoice({ me, children, value, error, onChange }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const choices = [
    { reference: me, label: t('subject.me'), testId: 'subject-me' },
    ...children.map((c, i) => ({
      reference: c.reference,
      label: [c.name || t('subject.child', { number: i + 1 }), c.birthDate ? t('common.born', { date: formatDate(c.birthDate, lang) }) : '']
        .filter(Boolean)
        .join(', '),
      testId: 'subject-child',
    })),
  ];
  return (
    <fieldset className={error ? 'field choice has-error' : 'field choice'} data-testid="subject-choice" aria-describedby={error ? `${SUBJECT_FIELD_ID}-error` : undefined}>
      <legend>
        {t('subject.question')} <span className="required-mark">({t('common.required')})</span>
      </legend>
      <FieldError id={`${SUBJECT_FIELD_ID}-error`} message={error} />
      <div className="options">
        {choices.map((choice, index) => {
          const id = index === 0 ? SUBJECT_FIELD_ID : `${SUBJECT_FIELD_ID}-${index}`;
          return (
            <div className="option" key={choice.reference}>
              <input
                type="radio"
                id={id}
                name={SUBJECT_FIELD_ID}
                value={choice.reference}
                checked={value === choice.reference}
                aria-invalid={error ? true : undefined}
                data-testid={choice.testId}
                data-ref={choice.reference}
                onChange={() => onChange(choice.reference)}
              />
              <label htmlFor={id}>{choice.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

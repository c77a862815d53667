/** The list of problems at the top of a form; each links to its field. Takes focus when shown. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface SummaryItem {
  /** The id of the control to move to. */
  fieldId?: string;
  message: string;
}

export function ErrorSummary({ items, focusKey }: { items: SummaryItem[]; focusKey: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
    // Focus again on every failed submit, not on every edit.
  }, [focusKey]);

  if (items.length === 0) return null;
  const goTo = (fieldId: string) => {
    const field = document.getElementById(fieldId);
    field?.focus();
    field?.scrollIntoView({ block: 'center' });
  };
  return (
    <div ref={ref} tabIndex={-1} className="error-summary" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('common.errorSummary')}</h2>
      <ul>
        {items.map((item, i) => (
          <li key={`${item.fieldId ?? ''}-${i}`}>
            {item.fieldId ? (
              <a
                href={`#${item.fieldId}`}
                onClick={(e) => {
                  e.preventDefault();
                  goTo(item.fieldId ?? '');
                }}
              >
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The feedback survey as the resident answers it: 0–10 as a radio group with its end labels,
 * each statement as a radio group, free text, and contact details only if they want a reply.
 * Texts come from the region's survey setting in the chosen language.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/useLanguage';
import type { SurveyAnswer, SurveyView } from './feedback.resource';
import './feedback.css';

const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

export function SurveyForm({ view, sending, onSubmit }: { view: SurveyView; sending: boolean; onSubmit: (answer: SurveyAnswer) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { survey } = view;
  const [recommend, setRecommend] = useState<number | undefined>();
  const [statements, setStatements] = useState<Record<string, string>>({});
  const [freeText, setFreeText] = useState('');
  const [wantsReply, setWantsReply] = useState(false);
  const [email, setEmail] = useState('');
  const [missing, setMissing] = useState(false);
  const options = [...survey.scale, ...(survey.dontKnow.offered ? [{ code: 'dont-know', text: survey.dontKnow.text }] : [])];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (recommend === undefined) {
      setMissing(true);
      document.getElementById('recommend-0')?.focus();
      return;
    }
    onSubmit({
      recommend,
      statements,
      ...(freeText.trim() ? { freeText: freeText.trim() } : {}),
      ...(wantsReply && email.trim() ? { contact: { email: email.trim() } } : {}),
    });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="feedback-form">
      <p className="lead">{survey.intro[lang]}</p>
      <fieldset className={missing ? 'field has-error' : 'field'} aria-describedby="recommend-ends" data-testid="feedback-recommend">
        <legend>
          {survey.recommend.text[lang]} <span className="required-mark">({t('common.required')})</span>
        </legend>
        {missing && (
          <p className="field-error" role="alert">
            {t('feedback.survey.recommendMissing')}
          </p>
        )}
        <div className="feedback-scale">
          {SCORES.map((score) => (
            <div className="option" key={score}>
              <input type="radio" id={`recommend-${score}`} name="recommend" value={score} checked={recommend === score} onChange={() => setRecommend(score)} aria-invalid={missing ? true : undefined} />
              <label htmlFor={`recommend-${score}`}>{score}</label>
            </div>
          ))}
        </div>
        <div className="feedback-scale-ends" id="recommend-ends">
          <span>{survey.recommend.low[lang]}</span>
          <span>{survey.recommend.high[lang]}</span>
        </div>
      </fieldset>
      {survey.statements.map((statement) => (
        <fieldset className="field" key={statement.id} data-testid={`feedback-statement-${statement.id}`}>
          <legend>{statement.text[lang]}</legend>
          <div className="options">
            {options.map((option) => {
              const id = `statement-${statement.id}-${option.code}`;
              return (
                <div className="option" key={option.code}>
                  <input type="radio" id={id} name={`statement-${statement.id}`} value={option.code} checked={statements[statement.id] === option.code} onChange={() => setStatements((s) => ({ ...s, [statement.id]: option.code }))} />
                  <label htmlFor={id}>{option.text[lang]}</label>
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
      <div className="field">
        <label htmlFor="feedback-free-text">{survey.freeText[lang]}</label>
        <textarea id="feedback-free-text" className="input" maxLength={2000} value={freeText} onChange={(e) => setFreeText(e.target.value)} />
      </div>
      <fieldset className="field">
        <legend>{t('feedback.survey.replyLegend')}</legend>
        <p className="muted">{survey.contact[lang]}</p>
        <div className="options">
          <div className="option">
            <input type="checkbox" id="feedback-wants-reply" checked={wantsReply} onChange={(e) => setWantsReply(e.target.checked)} />
            <label htmlFor="feedback-wants-reply">{t('feedback.survey.wantsReply')}</label>
          </div>
        </div>
        {wantsReply && (
          <div className="field">
            <label htmlFor="feedback-email">{t('feedback.survey.email')}</label>
            <input id="feedback-email" className="input" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </div>
        )}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary button-wide" disabled={sending} data-testid="feedback-send">
          {t('feedback.survey.send')}
        </button>
      </div>
    </form>
  );
}

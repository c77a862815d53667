/**
 * Writing a message: to whom (a new thread) or in reply, the text, and up to five JPEG, PNG or
 * PDF files of at most 10 MB. A file that cannot be sent is named with the reason at once, and
 * the server's refusal (a renamed file) is shown the same way. Danger words get the emergency
 * advice at once, as in the contact form.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { FieldError } from '../components/questionnaire/FieldError';
import { ErrorMessage } from '../components/ErrorMessage';
import { fileProblem, sendMessage, uploadAttachment, type Recipient, type Sent } from './messages.resource';

const MAX_TEXT = 4000;
const MAX_FILES = 5;

interface Props {
  subject: string;
  /** For a new thread: whom one may write to. */
  recipients?: Recipient[];
  /** For a reply: `Communication/<id>` answered. */
  inResponseTo?: string;
  onSent: (sent: Sent) => void;
  idPrefix: string;
}

interface Errors {
  recipient?: string;
  text?: string;
  files?: string[];
}

export function MessageForm({ subject, recipients, inResponseTo, onSent, idPrefix }: Props) {
  const { t } = useTranslation();
  const [recipient, setRecipient] = useState('');
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>();
  const [sending, setSending] = useState(false);
  const id = (name: string) => `${idPrefix}-${name}`;

  const choose = (list: FileList | null) => {
    const chosen = [...files, ...Array.from(list ?? [])].slice(0, MAX_FILES);
    setFiles(chosen);
    const problems = chosen.flatMap((f) => {
      const problem = fileProblem(f);
      return problem ? [t(`messages.errors.${problem}`, { name: f.name })] : [];
    });
    setErrors((e) => ({ ...e, files: problems.length > 0 ? problems : undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (recipients && !recipient) found.recipient = t('messages.errors.recipient');
    if (!text.trim()) found.text = t('messages.errors.text');
    const fileErrors = files.flatMap((f) => (fileProblem(f) ? [t(`messages.errors.${fileProblem(f) ?? 'wrong-type'}`, { name: f.name })] : []));
    if (fileErrors.length > 0) found.files = fileErrors;
    setErrors(found);
    setFailure(undefined);
    if (found.recipient || found.text || found.files) return;
    setSending(true);
    try {
      const attachments: Array<{ url: string; title: string }> = [];
      for (const file of files) {
        try {
          attachments.push({ url: await uploadAttachment(file), title: file.name });
        } catch (error) {
          // The server read the content: a renamed file or one too large is named with its reason.
          const status = error instanceof ApiError ? error.status : 0;
          const key = status === 415 ? 'wrong-type' : status === 413 ? 'too-large' : 'upload';
          setErrors({ files: [t(`messages.errors.${key}`, { name: file.name })] });
          return;
        }
      }
      const sent = await sendMessage({ subject, ...(recipients ? { recipient } : {}), ...(inResponseTo ? { inResponseTo } : {}), text: text.trim(), attachments });
      setText('');
      setFiles([]);
      setRecipient('');
      onSent(sent);
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} data-testid={`${idPrefix}-form`}>
      {recipients && (
        <div className={errors.recipient ? 'field has-error' : 'field'}>
          <label htmlFor={id('recipient')}>{t('messages.to')}</label>
          <FieldError id={id('recipient-error')} message={errors.recipient} />
          <select
            id={id('recipient')}
            className="input"
            value={recipient}
            aria-invalid={errors.recipient ? true : undefined}
            aria-describedby={errors.recipient ? id('recipient-error') : undefined}
            data-testid="message-recipient"
            onChange={(e) => setRecipient(e.target.value)}
          >
            <option value="">{t('messages.chooseRecipient')}</option>
            {(['team', 'professional', 'service'] as const).map((kind) => {
              const group = recipients.filter((r) => r.kind === kind);
              return group.length === 0 ? null : (
                <optgroup key={kind} label={t(`messages.kind.${kind}`)}>
                  {group.map((r) => (
                    <option key={r.reference} value={r.reference}>
                      {r.profession ? `${r.name} (${t(`profession.${r.profession}`, { defaultValue: r.profession })})` : r.name}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
        </div>
      )}
      <div className={errors.text ? 'field has-error' : 'field'}>
        <label htmlFor={id('text')}>{inResponseTo ? t('messages.reply') : t('messages.text')}</label>
        <p id={id('text-hint')} className="hint">
          {t('messages.textHint')}
        </p>
        <FieldError id={id('text-error')} message={errors.text} />
        <textarea
          id={id('text')}
          className="input"
          rows={5}
          maxLength={MAX_TEXT}
          value={text}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={errors.text ? `${id('text-hint')} ${id('text-error')}` : id('text-hint')}
          data-testid="message-text"
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className={errors.files ? 'field has-error' : 'field'}>
        <label htmlFor={id('files')}>{t('messages.attach')}</label>
        <p id={id('files-hint')} className="hint">
          {t('messages.attachHint')}
        </p>
        {errors.files?.map((message, i) => <FieldError key={i} id={id(`files-error-${i}`)} message={message} />)}
        <input
          id={id('files')}
          type="file"
          className="input"
          multiple
          accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"
          aria-invalid={errors.files ? true : undefined}
          aria-describedby={[id('files-hint'), ...(errors.files ?? []).map((_, i) => id(`files-error-${i}`))].join(' ')}
          data-testid="message-files"
          onChange={(e) => {
            choose(e.target.files);
            e.target.value = '';
          }}
        />
        {files.length > 0 && (
          <ul className="message-files" aria-label={t('messages.chosenFiles')}>
            {files.map((f, i) => (
              <li key={`${f.name}-${i}`}>
                <span>{f.name}</span>
                <button
                  type="button"
                  className="button button-quiet"
                  aria-label={t('messages.removeFile', { name: f.name })}
                  onClick={() => {
                    const rest = files.filter((_, j) => j !== i);
                    setFiles(rest);
                    const problems = rest.flatMap((r) => (fileProblem(r) ? [t(`messages.errors.${fileProblem(r) ?? 'wrong-type'}`, { name: r.name })] : []));
                    setErrors((e) => ({ ...e, files: problems.length > 0 ? problems : undefined }));
                  }}
                >
                  {t('messages.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {failure !== undefined && <ErrorMessage error={failure} />}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={sending} data-testid="message-send">
          {sending ? t('messages.sending') : t('messages.send')}
        </button>
      </div>
    </form>
  );
}

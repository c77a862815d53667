/**
 * Free times of one visit type for the resident, for the next 30 days ($find with
 * `appointment-type`), earliest first; "Book" books the chosen one ($book, or the caller's
 * `book`, e.g. $move). A time someone else took meanwhile (409) is said in words and the list
 * is fetched again; another appointment at the same time asks for confirmation first.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bookProposal, findSlots, type AppointmentView, type SlotProposal } from '../../api/appointment.resource';
import { pickText } from '../../api/fhir';
import type { VisitTypeView } from '../../api/schedule.resource';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAsync } from '../../components/useAsync';
import { addCalendarDays } from '@ovi/domain/src/calendarDate';
import { useLanguage } from '../../i18n/useLanguage';
import { BookingRefusal } from '../../workbench/booking/BookingRefusal';
import { OverlapWarning } from '../../workbench/booking/OverlapWarning';
import { ProposalChoices } from '../../workbench/booking/ProposalChoices';
import { SearchStatus } from '../../workbench/booking/SearchStatus';
import { useProposalBooking } from '../../workbench/booking/useProposalBooking';
import { startOfDay, todayInHelsinki } from '../../workbench/schedule/scheduleDays';

const DAYS = 30;

interface Props {
  visitType: VisitTypeView;
  /** `Patient/<id>`: the resident themself. */
  patientRef: string;
  /** Prefix for ids, unique on the page. */
  idPrefix: string;
  bookLabel: string;
  onBooked: (appointment: AppointmentView) => void;
  /** How the chosen time is booked (default: `$book` for the resident themself). */
  book?: (proposal: SlotProposal, allowOverlap: boolean) => Promise<AppointmentView>;
}

export function TimePicker({ visitType, patientRef, idPrefix, bookLabel, onBooked, book }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [span] = useState(() => {
    const start = new Date();
    return { start, end: new Date(start.getTime() + DAYS * 86_400_000) };
  });
  const [mode, setMode] = useState('');
  /** Optional: the first day to show times from ('' = from now). */
  const [fromDay, setFromDay] = useState('');
  const flow = useProposalBooking({
    book: book ?? ((proposal, allowOverlap) => bookProposal(proposal.token, { allowOverlap })),
    onBooked,
    focusChoices: () => document.querySelector<HTMLInputElement>(`input[name="${idPrefix}-time"]`)?.focus(),
  });
  const { count, tick } = flow;

  const search = useAsync(
    () => {
      const from = /^\d{4}-\d{2}-\d{2}$/.test(fromDay) ? startOfDay(fromDay).getTime() : 0;
      const start = new Date(Math.max(Date.now(), span.start.getTime(), from));
      return findSlots({ start, end: span.end, visitType: visitType.code, patient: patientRef, visitMode: mode || undefined, count });
    },
    [visitType.code, patientRef, mode, fromDay, count, tick],
  );
  const proposals = search.data?.proposals ?? [];
  const errorId = `${idPrefix}-time-error`;
  const modeId = `${idPrefix}-mode`;
  const fromId = `${idPrefix}-from`;
  const today = todayInHelsinki();

  return (
    <div className="time-picker">
      <div className="filters">
        {visitType.modes.length > 1 && (
          <div className="field">
            <label htmlFor={modeId}>{t('selfBook.mode')}</label>
            <select
              id={modeId}
              className="input"
              value={mode}
              onChange={(e) => {
                setMode(e.target.value);
                flow.resetList();
              }}
            >
              <option value="">{t('selfBook.anyMode')}</option>
              {visitType.modes.map((m) => (
                <option key={m} value={m}>
                  {t(`visitMode.${m}`, { defaultValue: m })}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={fromId}>{t('selfBook.fromDay')}</label>
          <p id={`${fromId}-hint`} className="hint">
            {t('selfBook.fromDayHint')}
          </p>
          <input
            id={fromId}
            type="date"
            className="input"
            value={fromDay}
            min={today}
            max={addCalendarDays(today, DAYS - 1)}
            aria-describedby={`${fromId}-hint`}
            onChange={(e) => {
              setFromDay(e.target.value);
              flow.resetList();
            }}
          />
        </div>
      </div>
      <SearchStatus search={search} taken={flow.taken} takenText={t('selfBook.taken')} />
      {search.data?.warning && proposals.length > 0 && (
        <p className="callout callout-warning" role="status">
          <span aria-hidden="true">⚠ </span>
          {pickText(search.data.warning, lang)}
        </p>
      )}
      {search.data && proposals.length === 0 && <p className="empty">{t('selfBook.none', { days: DAYS })}</p>}
      {proposals.length > 0 && (
        <ProposalChoices
          legend={t('selfBook.times', { days: DAYS })}
          proposals={proposals}
          selected={flow.selected}
          onSelect={flow.select}
          errorId={errorId}
          problem={flow.chooseFirst ? t('booking.chooseFirst') : undefined}
          loading={search.loading}
          count={count}
          onMore={flow.more}
          option={{ name: `${idPrefix}-time`, testId: 'selfbook-proposal', selectTestId: 'selfbook-proposal-select', showReasons: false }}
        />
      )}
      {flow.failure !== undefined && <ErrorMessage error={flow.failure} />}
      {flow.refusal && <BookingRefusal refusal={flow.refusal} testId={`${idPrefix}-refused`} />}
      {flow.overlap && <OverlapWarning warning={flow.overlap} busy={flow.booking} testId="selfbook" onConfirm={() => void flow.confirmOverlap()} onDismiss={flow.dismissOverlap} />}
      {proposals.length > 0 && !flow.overlap && (
        <button type="button" className="button button-primary" disabled={flow.booking} data-testid="selfbook-book" onClick={() => void flow.bookChosen(proposals)}>
          {flow.booking ? t('booking.booking') : bookLabel}
        </button>
      )}
    </div>
  );
}

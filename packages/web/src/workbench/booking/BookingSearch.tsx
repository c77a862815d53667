/**
 * Free times for the client up to the contact's deadline ($find), earliest first; picking one
 * and pressing "Book" books it for the contact ($book with `task`). A time someone else took
 * meanwhile (409) is said in words and the list is fetched again; another visit of the client
 * at the same time asks for confirmation; a booking someone already made for the contact is
 * handed to the decision form.
 */
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { bookProposal, findSlots, type AppointmentView, type BookingConflict } from '../../api/appointment.resource';
import { pickText } from '../../api/fhir';
import type { ContactTask } from '../../api/task.resource';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAsync } from '../../components/useAsync';
import { formatDeadline } from '../../i18n/format';
import { useLanguage } from '../../i18n/useLanguage';
import { BookingFilters } from './BookingFilters';
import { BookingRefusal } from './BookingRefusal';
import { OverlapWarning } from './OverlapWarning';
import { ProposalChoices } from './ProposalChoices';
import { SearchStatus } from './SearchStatus';
import { useProposalBooking } from './useProposalBooking';


interface Props {
  task: ContactTask;
  reason?: string;
  /** A problem the decision form found (no time booked yet). */
  error?: string;
  onBooked: (appointment: AppointmentView) => void;
  /** The contact already has a booked visit (someone booked it meanwhile). */
  onContactBooked: (conflict: BookingConflict) => void;
}

const MINUTE = 60_000;

/**
 * The window ends at the deadline. A deadline already passed leaves a one-minute window, so
 * the server says nothing fits and offers the earliest later times.
 */
function windowEnd(deadline: string | undefined, now: Date): Date {
  const end = deadline ? new Date(deadline) : new Date(now.getTime() + 30 * 86_400_000);
  return Number.isNaN(end.getTime()) || end.getTime() < now.getTime() + MINUTE ? new Date(now.getTime() + MINUTE) : end;
}

export function BookingSearch({ task, reason, error, onBooked, onContactBooked }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [mode, setMode] = useState('');
  const [profession, setProfession] = useState(task.profession ?? '');
  const flow = useProposalBooking({
    book: (proposal, allowOverlap) => bookProposal(proposal.token, { reason, task: `Task/${task.id}`, allowOverlap }),
    onBooked,
    onContactBooked,
    focusChoices: () => document.querySelector<HTMLInputElement>('[data-testid="booking-proposal-select"]')?.focus(),
  });
  const { count, tick } = flow;

  const search = useAsync(() => {
    const now = new Date();
    return findSlots(
      { start: now, end: windowEnd(task.deadline, now), profession: profession || undefined, patient: task.patientRef, visitMode: mode || undefined, count },
      reason,
    );
  }, [mode, profession, count, tick, task.id, reason]);
  const proposals = search.data?.proposals ?? [];
  const problem = flow.chooseFirst ? t('booking.chooseFirst') : error;

  const changeFilter = (apply: () => void) => {
    apply();
    flow.resetList();
  };

  // Enter on a choice here must not send the whole decision.
  const keepEnter = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault();
  };

  return (
    <div onKeyDown={keepEnter}>
      <p className="hint">{task.deadline ? t('booking.intro', { deadline: formatDeadline(task.deadline, lang) }) : t('booking.introNoDeadline')}</p>
      <BookingFilters
        mode={mode}
        profession={profession}
        suggested={task.profession}
        onMode={(m) => changeFilter(() => setMode(m))}
        onProfession={(p) => changeFilter(() => setProfession(p))}
      />
      <SearchStatus search={search} taken={flow.taken} takenText={t('booking.taken')} />
      {search.data?.warning && (
        <p className="callout callout-warning" role="status" data-testid="booking-no-fit">
          <span aria-hidden="true">⚠ </span>
          {pickText(search.data.warning, lang)}
        </p>
      )}
      {search.data && proposals.length === 0 && !search.data.warning && <p className="empty">{t('booking.none')}</p>}
      {proposals.length > 0 && (
        <ProposalChoices
          legend={t('booking.times')}
          proposals={proposals}
          selected={flow.selected}
          onSelect={flow.select}
          errorId="booking-proposal-error"
          problem={problem}
          loading={search.loading}
          count={count}
          onMore={flow.more}
        />
      )}
      {flow.failure !== undefined && <ErrorMessage error={flow.failure} />}
      {flow.refusal && <BookingRefusal refusal={flow.refusal} />}
      {flow.overlap && <OverlapWarning warning={flow.overlap} busy={flow.booking} testId="booking" onConfirm={() => void flow.confirmOverlap()} onDismiss={flow.dismissOverlap} />}
      {proposals.length > 0 && !flow.overlap && (
        <button type="button" className="button button-primary" disabled={flow.booking} data-testid="booking-book" onClick={() => void flow.bookChosen(proposals)}>
          {flow.booking ? t('booking.booking') : t('booking.book')}
        </button>
      )}
    </div>
  );
}

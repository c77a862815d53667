/**
 * Choosing one of the free times and booking it: shared by staff booking and self-booking.
 * A time someone else took meanwhile (409) sets `taken` and bumps `tick`, which the caller's
 * search lists as a dependency so the times are fetched again.
 */
import { useState } from 'react';
import type { AppointmentView, SlotProposal } from '../../api/appointment.resource';
import { ApiError } from '../../api/client';
import { MAX_PROPOSALS, PROPOSAL_PAGE } from './ProposalChoices';

interface Options {
  /** Books the chosen time ($book). */
  book: (proposal: SlotProposal) => Promise<AppointmentView>;
  onBooked: (appointment: AppointmentView) => void;
  /** Moves focus to the choices when "Book" is pressed with none chosen. */
  focusChoices: () => void;
}

export function useProposalBooking({ book, onBooked, focusChoices }: Options) {
  const [count, setCount] = useState(PROPOSAL_PAGE);
  const [tick, setTick] = useState(0);
  const [selected, setSelected] = useState<string>();
  const [chooseFirst, setChooseFirst] = useState(false);
  const [taken, setTaken] = useState(false);
  const [booking, setBooking] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  /** Changed filters start a new list from its first page. */
  const resetList = () => {
    setSelected(undefined);
    setCount(PROPOSAL_PAGE);
    setTaken(false);
  };
  const select = (key: string) => {
    setSelected(key);
    setChooseFirst(false);
  };
  const more = () => setCount((n) => Math.min(MAX_PROPOSALS, n + PROPOSAL_PAGE));

  const bookChosen = async (proposals: SlotProposal[]) => {
    setFailure(undefined);
    const chosen = proposals.find((p) => p.key === selected);
    if (!chosen) {
      setChooseFirst(true);
      focusChoices();
      return;
    }
    setBooking(true);
    try {
      onBooked(await book(chosen));
    } catch (e) {
      setBooking(false);
      if (e instanceof ApiError && e.status === 409) {
        setTaken(true);
        setSelected(undefined);
        setTick((n) => n + 1);
      } else {
        setFailure(e);
      }
    }
  };

  return { count, tick, selected, chooseFirst, taken, booking, failure, resetList, select, more, bookChosen };
}

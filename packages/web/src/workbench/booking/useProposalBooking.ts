/**
 * Choosing one of the free times and booking it: shared by staff booking, self-booking and
 * moving. The server's refusals (409) are told apart:
 * - the time was taken meanwhile: `taken` is set and `tick` bumped, which the caller's search
 *   lists as a dependency so the times are fetched again;
 * - the client has another visit then: `overlap` holds the warning until it is confirmed
 *   (`confirmOverlap` books again with `allowOverlap`) or dismissed;
 * - the contact already has a booked visit: `onContactBooked` (the decision form shows it);
 * - anything else the rules refuse (too late to move, no longer booked): `refusal`, in the
 *   server's words.
 */
import { useState } from 'react';
import { bookingConflictOf, type AppointmentView, type BookingConflict, type SlotProposal } from '../../api/appointment.resource';
import { MAX_PROPOSALS, PROPOSAL_PAGE } from './ProposalChoices';

interface Options {
  /** Books (or moves to) the chosen time; `allowOverlap` once the overlap warning was confirmed. */
  book: (proposal: SlotProposal, allowOverlap: boolean) => Promise<AppointmentView>;
  onBooked: (appointment: AppointmentView) => void;
  /** Moves focus to the choices when "Book" is pressed with none chosen. */
  focusChoices: () => void;
  /** The contact already has a booked visit (409 naming it). */
  onContactBooked?: (conflict: BookingConflict) => void;
}

export interface OverlapWarning {
  proposal: SlotProposal;
  conflict: BookingConflict;
}

export function useProposalBooking({ book, onBooked, focusChoices, onContactBooked }: Options) {
  const [count, setCount] = useState(PROPOSAL_PAGE);
  const [tick, setTick] = useState(0);
  const [selected, setSelected] = useState<string>();
  const [chooseFirst, setChooseFirst] = useState(false);
  const [taken, setTaken] = useState(false);
  const [booking, setBooking] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [overlap, setOverlap] = useState<OverlapWarning>();
  const [refusal, setRefusal] = useState<BookingConflict>();

  /** Changed filters start a new list from its first page. */
  const resetList = () => {
    setSelected(undefined);
    setCount(PROPOSAL_PAGE);
    setTaken(false);
    setOverlap(undefined);
  };
  const select = (key: string) => {
    setSelected(key);
    setChooseFirst(false);
    setOverlap(undefined);
  };
  const more = () => setCount((n) => Math.min(MAX_PROPOSALS, n + PROPOSAL_PAGE));

  const attempt = async (chosen: SlotProposal, allowOverlap: boolean) => {
    setFailure(undefined);
    setRefusal(undefined);
    setTaken(false);
    setBooking(true);
    try {
      const booked = await book(chosen, allowOverlap);
      setOverlap(undefined);
      onBooked(booked);
    } catch (e) {
      setBooking(false);
      const conflict = bookingConflictOf(e);
      if (!conflict) {
        setFailure(e);
      } else if (conflict.kind === 'overlap') {
        setOverlap({ proposal: chosen, conflict });
      } else if (conflict.kind === 'contact-booked' && onContactBooked) {
        setOverlap(undefined);
        onContactBooked(conflict);
      } else if (conflict.kind === 'slot-taken' || conflict.kind === 'other') {
        setOverlap(undefined);
        setTaken(true);
        setSelected(undefined);
        setTick((n) => n + 1);
      } else {
        setOverlap(undefined);
        setRefusal(conflict);
      }
    }
  };

  const bookChosen = async (proposals: SlotProposal[]) => {
    const chosen = proposals.find((p) => p.key === selected);
    if (!chosen) {
      setChooseFirst(true);
      focusChoices();
      return;
    }
    await attempt(chosen, false);
  };

  const confirmOverlap = async () => {
    if (overlap) await attempt(overlap.proposal, true);
  };
  const dismissOverlap = () => setOverlap(undefined);

  return { count, tick, selected, chooseFirst, taken, booking, failure, overlap, refusal, resetList, select, more, bookChosen, confirmOverlap, dismissOverlap };
}

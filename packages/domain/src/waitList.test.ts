import { describe, expect, it } from 'vitest';
import { helsinkiClock, offerExpiry, planOffers, validateWaitWindow, whyNotOffered, withinWindow, type FreedTime, type WaitingClient, type WaitListRules } from './waitList';

const at = (iso: string) => new Date(iso);
// 2025-05-12 is a Monday; Helsinki is UTC+3 in May.
const NOW = at('2025-05-12T06:00:00Z');
const RULES: WaitListRules = { offerHours: 3, noticeHours: 24, maxOffersEach: 3 };

const client = (over: Partial<WaitingClient> = {}): WaitingClient => ({
  appointment: 'Appointment/a1',
  currentStart: at('2025-05-30T07:00:00Z'),
  joinedAt: at('2025-05-01T10:00:00Z'),
  window: {},
  visitType: 'physio-visit',
  profession: 'physiotherapist',
  location: 'Location/kokkola',
  ...over,
});
const time = (over: Partial<FreedTime> = {}): FreedTime => ({
  slot: 'Slot/s1',
  start: at('2025-05-20T07:00:00Z'),
  end: at('2025-05-20T07:30:00Z'),
  visitType: 'physio-visit',
  profession: 'physiotherapist',
  location: 'Location/kokkola',
  ...over,
});

describe('wait list windows', () => {
  it('accepts times of day and weekdays only, and says what is wrong otherwise', () => {
    expect(validateWaitWindow(undefined)).toEqual({ window: {}, errors: [] });
    expect(validateWaitWindow({ notBefore: '09:00', notAfter: '16:30', weekdaysOnly: true })).toEqual({ window: { notBefore: '09:00', notAfter: '16:30', weekdaysOnly: true }, errors: [] });
    expect(validateWaitWindow({ weekdaysOnly: false, notBefore: '' })).toEqual({ window: {}, errors: [] });
    expect(validateWaitWindow({ notBefore: '9' }).errors).toEqual(['notBefore must be a time of day such as 09:00']);
    expect(validateWaitWindow({ notAfter: '24:00' }).errors).toHaveLength(1);
    expect(validateWaitWindow({ notBefore: 900 }).errors).toHaveLength(1);
    expect(validateWaitWindow({ weekdaysOnly: 'yes' }).errors).toEqual(['weekdaysOnly must be true or false']);
    expect(validateWaitWindow({ notBefore: '12:00', notAfter: '09:00' }).errors).toEqual(['notBefore must be earlier than notAfter']);
    expect(validateWaitWindow({ colour: 'red' }).errors).toEqual(['unknown field colour']);
    expect(validateWaitWindow([]).errors).toHaveLength(1);
    expect(validateWaitWindow('09:00').errors).toHaveLength(1);
  });

  it('reads the window on the Helsinki wall clock, summer and winter', () => {
    expect(helsinkiClock(at('2025-05-20T06:00:00Z'))).toBe('09:00');
    expect(helsinkiClock(at('2025-01-20T07:00:00Z'))).toBe('09:00');
    const nineToFour = { notBefore: '09:00', notAfter: '16:00' };
    expect(withinWindow(nineToFour, at('2025-05-20T05:59:00Z'), at('2025-05-20T06:29:00Z'))).toBe(false);
    expect(withinWindow(nineToFour, at('2025-05-20T06:00:00Z'), at('2025-05-20T06:30:00Z'))).toBe(true);
    expect(withinWindow(nineToFour, at('2025-05-20T12:30:00Z'), at('2025-05-20T13:00:00Z'))).toBe(true);
    expect(withinWindow(nineToFour, at('2025-05-20T12:45:00Z'), at('2025-05-20T13:15:00Z'))).toBe(false);
    // Saturday 24 May and Sunday 25 May (Helsinki), Monday 26 May starts at 21:00Z on Sunday.
    expect(withinWindow({ weekdaysOnly: true }, at('2025-05-24T07:00:00Z'), at('2025-05-24T07:30:00Z'))).toBe(false);
    expect(withinWindow({ weekdaysOnly: true }, at('2025-05-25T20:30:00Z'), at('2025-05-25T20:45:00Z'))).toBe(false);
    expect(withinWindow({ weekdaysOnly: true }, at('2025-05-25T21:30:00Z'), at('2025-05-25T22:00:00Z'))).toBe(true);
    expect(withinWindow({}, at('2025-05-24T07:00:00Z'), at('2025-05-24T07:30:00Z'))).toBe(true);
  });
});

describe('offer expiry', () => {
  it('is offerHours from now, but never later than the time entering the notice', () => {
    expect(offerExpiry(time(), NOW, RULES)?.toISOString()).toBe('2025-05-12T09:00:00.000Z');
    expect(offerExpiry(time({ start: at('2025-05-13T08:00:00Z') }), NOW, RULES)?.toISOString()).toBe('2025-05-12T08:00:00.000Z');
  });

  it('offers no time that is past or already inside the notice', () => {
    expect(offerExpiry(time({ start: at('2025-05-13T06:00:00Z') }), NOW, RULES)).toBeUndefined();
    expect(offerExpiry(time({ start: at('2025-05-12T05:00:00Z') }), NOW, { ...RULES, noticeHours: 0 })).toBeUndefined();
    expect(offerExpiry(time({ start: at('2025-05-12T07:00:00Z') }), NOW, { ...RULES, noticeHours: 0 })?.toISOString()).toBe('2025-05-12T07:00:00.000Z');
    expect(offerExpiry(time(), NOW, { ...RULES, offerHours: 0 })).toBeUndefined();
  });
});

describe('who fits a freed time', () => {
  it('fits the same kind of visit, earlier than the booked one, within the window', () => {
    expect(whyNotOffered(client(), time(), NOW, RULES)).toBeUndefined();
    expect(whyNotOffered(client(), time({ visitType: 'nurse-visit' }), NOW, RULES)).toBe('other-kind');
    expect(whyNotOffered(client(), time({ profession: 'nurse' }), NOW, RULES)).toBe('other-kind');
    expect(whyNotOffered(client(), time({ location: 'Location/kannus' }), NOW, RULES)).toBe('other-kind');
    expect(whyNotOffered(client({ location: undefined }), time(), NOW, RULES)).toBe('other-kind');
    expect(whyNotOffered(client({ location: undefined }), time({ location: undefined }), NOW, RULES)).toBeUndefined();
    expect(whyNotOffered(client(), time({ start: at('2025-05-30T07:00:00Z'), end: at('2025-05-30T07:30:00Z') }), NOW, RULES)).toBe('not-earlier');
    expect(whyNotOffered(client(), time({ start: at('2025-06-02T07:00:00Z'), end: at('2025-06-02T07:30:00Z') }), NOW, RULES)).toBe('not-earlier');
    expect(whyNotOffered(client({ window: { notBefore: '12:00' } }), time(), NOW, RULES)).toBe('outside-window');
  });

  it('offers nothing for a visit already inside the notice, nor a time inside it', () => {
    expect(whyNotOffered(client({ currentStart: at('2025-05-13T05:00:00Z') }), time({ start: at('2025-05-12T20:00:00Z'), end: at('2025-05-12T20:30:00Z') }), NOW, RULES)).toBe('visit-in-notice');
    expect(whyNotOffered(client(), time({ start: at('2025-05-13T05:00:00Z'), end: at('2025-05-13T05:30:00Z') }), NOW, RULES)).toBe('time-in-notice');
  });
});

describe('planning offers', () => {
  const early = time({ slot: 'Slot/early', start: at('2025-05-14T07:00:00Z'), end: at('2025-05-14T07:30:00Z') });
  const mid = time({ slot: 'Slot/mid', start: at('2025-05-20T07:00:00Z'), end: at('2025-05-20T07:30:00Z') });
  const late = time({ slot: 'Slot/late', start: at('2025-05-28T07:00:00Z'), end: at('2025-05-28T07:30:00Z') });

  it('offers a freed time to everyone who fits, in the order they joined', () => {
    const first = client({ appointment: 'Appointment/first', joinedAt: at('2025-05-01T08:00:00Z') });
    const second = client({ appointment: 'Appointment/second', joinedAt: at('2025-05-02T08:00:00Z') });
    const tooSoon = client({ appointment: 'Appointment/soon', currentStart: at('2025-05-19T07:00:00Z') });
    const nurse = client({ appointment: 'Appointment/nurse', visitType: 'nurse-visit', joinedAt: at('2025-04-01T08:00:00Z') });
    const offers = planOffers([second, nurse, tooSoon, first], [mid], NOW, RULES);
    expect(offers.map((o) => o.appointment)).toEqual(['Appointment/first', 'Appointment/second']);
    expect(offers.every((o) => o.slot === 'Slot/mid' && o.expiresAt.toISOString() === '2025-05-12T09:00:00.000Z')).toBe(true);
  });

  it('offers each client the earliest fitting times, at most maxOffersEach, never one offered before', () => {
    const times = [late, mid, early, time({ slot: 'Slot/x', start: at('2025-05-21T07:00:00Z'), end: at('2025-05-21T07:30:00Z') })];
    expect(planOffers([client()], times, NOW, RULES).map((o) => o.slot)).toEqual(['Slot/early', 'Slot/mid', 'Slot/x']);
    expect(planOffers([client()], times, NOW, { ...RULES, maxOffersEach: 1 }).map((o) => o.slot)).toEqual(['Slot/early']);
    expect(planOffers([client()], times, NOW, RULES, new Set(['Appointment/a1 Slot/early'])).map((o) => o.slot)).toEqual(['Slot/mid', 'Slot/x', 'Slot/late']);
    expect(planOffers([], times, NOW, RULES)).toEqual([]);
    expect(planOffers([client()], [], NOW, RULES)).toEqual([]);
  });

  it("ends an offer when the client's own visit enters the notice, if that comes first", () => {
    const soon = client({ currentStart: at('2025-05-13T08:00:00Z') });
    const [offer] = planOffers([soon], [time({ start: at('2025-05-12T09:00:00Z'), end: at('2025-05-12T09:30:00Z') })], NOW, { ...RULES, noticeHours: 2 });
    expect(offer?.expiresAt.toISOString()).toBe('2025-05-12T07:00:00.000Z');
    const [later] = planOffers([client()], [mid], NOW, RULES);
    expect(later?.expiresAt.toISOString()).toBe('2025-05-12T09:00:00.000Z');
  });
});

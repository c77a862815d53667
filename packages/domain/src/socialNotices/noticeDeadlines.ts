/**
 * The legal time limits of a matter that comes to social services, as data with their
 * sources (DOMAIN.md §12). Counting as the law counts time limits (Laki säädettyjen
 * määräaikain laskemisesta 150/1930): the day of receipt is not counted, Saturdays, Sundays
 * and public holidays are not working days. A limit in months ends, like the care guarantee's,
 * on the last working day on or before the date, so staff never work past it.
 */
import { ageOn, addCalendarMonths } from '../calendarDate';
import { addWorkingDays } from '../careGuarantee';
import { previousWorkingDayOnOrBefore } from '../finnishCalendar';
import { helsinkiEndOfDay, toHelsinkiDate } from '../helsinkiTime';
import type { LocalizedText } from '../types';

export const NOTICE_KINDS = ['social-welfare-contact', 'child-welfare-notification', 'application'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export type NoticeDeadlineCode = 'urgency-assessment' | 'investigation-decision' | 'investigation-complete' | 'assessment-start' | 'assessment-complete';

export interface NoticeDeadline {
  code: NoticeDeadlineCode;
  /** ISO instant; absent where the law sets no date ("without undue delay"). */
  due?: string;
  label: LocalizedText;
  /** The provision, e.g. "LSL 417/2007 26 § 3 mom." */
  source: string;
}

export interface NoticeDeadlines {
  deadlines: NoticeDeadline[];
  /** The same-day urgency assessment (the Task's assessment-due). */
  assessmentDue: Date;
  /** The next dated limit after it: the deadline the queue orders by once urgency is assessed. */
  workTo: Date;
  /** The provision behind `workTo`. */
  workToSource: string;
  /** Whether `workTo` is set by law (else Ovi's working target for "without undue delay"). */
  workToIsLegal: boolean;
}

/** What the deadlines depend on about the person. */
export interface NoticePerson {
  birthDate?: string;
  /** Receives the highest rate of Kela's care allowance (SHL 36 § 2 mom.). */
  highestCareAllowance?: boolean;
}

const t = (fi: string, sv: string, en: string): LocalizedText => ({ fi, sv, en });

const URGENCY: Omit<NoticeDeadline, 'due' | 'source'> = {
  code: 'urgency-assessment',
  label: t('Kiireellisyyden arvio samana päivänä', 'Brådskande behov bedöms samma dag', 'Urgency assessed the same day'),
};

/** Working days to decide on a child-welfare investigation, and to start a 75+ person's assessment. */
export const SEVEN_WORKING_DAYS = 7;
/** Months to complete a child's (a family's) assessment. */
export const THREE_MONTHS = 3;

/** The deadlines of a notice, contact or application received at `receivedAt`. */
export function noticeDeadlines(kind: NoticeKind, receivedAt: Date, person: NoticePerson = {}): NoticeDeadlines {
  const day = toHelsinkiDate(receivedAt);
  const sameDay = helsinkiEndOfDay(day);
  const seventh = helsinkiEndOfDay(addWorkingDays(day, SEVEN_WORKING_DAYS));
  const threeMonths = helsinkiEndOfDay(previousWorkingDayOnOrBefore(addCalendarMonths(day, THREE_MONTHS)));
  const age = person.birthDate && person.birthDate <= day ? ageOn(person.birthDate, day) : undefined;
  if (kind === 'child-welfare-notification') {
    return {
      deadlines: [
        { ...URGENCY, due: sameDay.toISOString(), source: 'LSL 417/2007 26 § 1 mom.' },
        {
          code: 'investigation-decision',
          due: seventh.toISOString(),
          label: t('Päätös selvityksen aloittamisesta 7. arkipäivänä', 'Beslut om utredning senast sjunde vardagen', 'Decision whether to investigate by the 7th working day'),
          source: 'LSL 417/2007 26 § 3 mom.',
        },
        {
          code: 'investigation-complete',
          due: threeMonths.toISOString(),
          label: t('Selvitys valmis 3 kuukaudessa', 'Utredningen klar inom 3 månader', 'Investigation done within 3 months'),
          source: 'LSL 417/2007 27 § 1 mom.; SHL 1301/2014 36 § 3 mom.',
        },
      ],
      assessmentDue: sameDay,
      workTo: seventh,
      workToSource: 'LSL 417/2007 26 § 3 mom.',
      workToIsLegal: true,
    };
  }
  // A social-welfare contact (SHL 35 §) or an application: the service-need assessment of SHL 36 §.
  const fixedStart = person.highestCareAllowance === true || (age !== undefined && age >= 75);
  // Age not known: the stricter limit stands until a professional knows better.
  const strictest = age === undefined && person.highestCareAllowance !== true;
  const deadlines: NoticeDeadline[] = [
    { ...URGENCY, due: sameDay.toISOString(), source: 'SHL 1301/2014 36 § 1 mom.' },
    fixedStart
      ? {
          code: 'assessment-start',
          due: seventh.toISOString(),
          label: t('Palvelutarpeen arviointi alkaa viimeistään 7. arkipäivänä', 'Bedömningen av servicebehovet inleds senast sjunde vardagen', 'Service-need assessment started by the 7th working day'),
          source: 'SHL 1301/2014 36 § 2 mom. (75 years or over, or the highest care allowance)',
        }
      : {
          code: 'assessment-start',
          ...(strictest ? { due: seventh.toISOString() } : {}),
          label: strictest
            ? t('Arviointi alkaa viipymättä (ikä ei tiedossa: viimeistään 7. arkipäivänä)', 'Bedömningen inleds utan dröjsmål (åldern okänd: senast sjunde vardagen)', 'Assessment started without undue delay (age not known: by the 7th working day)')
            : t('Palvelutarpeen arviointi alkaa ilman aiheetonta viivytystä', 'Bedömningen av servicebehovet inleds utan ogrundat dröjsmål', 'Service-need assessment started without undue delay'),
          source: 'SHL 1301/2014 36 § 2 mom.',
        },
  ];
  if (age !== undefined && age < 18) {
    deadlines.push({
      code: 'assessment-complete',
      due: threeMonths.toISOString(),
      label: t('Lapsen palvelutarpeen arviointi valmis 3 kuukaudessa', 'Barnets bedömning klar inom 3 månader', "The child's assessment done within 3 months"),
      source: 'SHL 1301/2014 36 § 3 mom.',
    });
  }
  return {
    deadlines,
    assessmentDue: sameDay,
    // Without a date in law, Ovi works to the seventh working day: "without undue delay" is never later than the strictest case.
    workTo: seventh,
    workToSource: fixedStart || strictest ? 'SHL 1301/2014 36 § 2 mom.' : 'SHL 1301/2014 36 § 2 mom. (without undue delay; Ovi works to the 7th working day)',
    workToIsLegal: fixedStart,
  };
}

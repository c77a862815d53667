import type { FeedbackInvitations } from './feedbackInvitations';
import type { FeedbackMail } from './feedbackMail';

/** What an outcome (a realised visit, a closed contact) needs to give the resident a survey. */
export interface FeedbackTrigger {
  invitations: FeedbackInvitations;
  mail: FeedbackMail;
}

/** The request's own address (`https://host`), for the link when no public address is configured. */
export const originOf = (baseUrl: string): string | undefined => /^(https?:\/\/[^/]+)/.exec(baseUrl)?.[1];

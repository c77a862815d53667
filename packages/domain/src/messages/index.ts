/** Secure messages: drafts, threads, read status, deadlines, the danger-word scan and attachment types. */
export * from './attachmentType';
export * from './messageDeadline';
export * from './messageDraft';
export * from './messageSafety';
export * from './threads';

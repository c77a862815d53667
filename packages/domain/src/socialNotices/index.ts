/** Social-welfare contacts, child-welfare notifications and applications: what they hold and their legal deadlines. */
export * from './noticeDeadlines';
export * from './noticeDraft';
export * from './noticeDecision';

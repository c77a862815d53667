/**
 * Vitest setup file (vitest.config.ts `setupFiles`): after any failed test, the browser pages
 * of that file are described and signed out (browserWatch.ts). Files without a browser have
 * no pages, and the hook does nothing there.
 */
import { afterEach } from 'vitest';
import { reportAndReset } from './browserWatch';

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await reportAndReset(context.task.name);
});

/**
 * Vitest setup file (vitest.config.ts `setupFiles`): after any failed test, the browser pages
 * of that file are described (browserWatch.ts). Files without a browser have
 * no pages, and the hook does nothing there.
 */
import { afterEach } from 'vitest';
import { reportFailure } from './browserWatch';

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await reportFailure(context.task.name);
});

/** DOM ids for a question's control, hint and error, safe whatever the linkId holds. */
export function fieldIds(linkId: string) {
  const safe = linkId.replace(/[^A-Za-z0-9_-]/g, '_');
  return { field: `q-${safe}`, hint: `q-${safe}-hint`, error: `q-${safe}-error` };
}

/** The ids an input's aria-describedby lists: the hint and the error, when shown. */
export function describedBy(ids: ReturnType<typeof fieldIds>, hasHint: boolean, hasError: boolean): string | undefined {
  return [hasHint ? ids.hint : '', hasError ? ids.error : ''].filter(Boolean).join(' ') || undefined;
}

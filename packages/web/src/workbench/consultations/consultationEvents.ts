/** Tells the navigation's count that a question was asked or answered, so it is fetched again. */
export const CONSULTATIONS_CHANGED = 'ovi:consultations-changed';

export function announceConsultationsChanged(): void {
  window.dispatchEvent(new Event(CONSULTATIONS_CHANGED));
}

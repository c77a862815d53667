/**
 * Whose work a team figure describes (pure). Decision record: docs/decisions/009-figure-periods-and-team-figures.md.
 *
 * A figure shown for a unit, a team or the whole service is a team figure only when at least
 * two professionals' work is in it. When it rests on one professional (a unit with one doctor,
 * a period in which one nurse handled every contact, a filter that leaves one person) it is
 * that person's figure, and calling it the team's would mislead the manager and single out
 * the professional without saying so. What happens then depends on what the figure measures:
 *
 * - **capacity** (T3, free times in calendars): shown, but labelled as one professional's —
 *   the free times are visible to colleagues in the team schedule anyway, and a one-doctor
 *   unit with a long wait is exactly the access problem residents meet;
 * - **performance** (how contacts were handled: outcomes, deadlines kept, same-day
 *   assessment): hidden — a team dashboard is not a way to evaluate one employee's work
 *   (Act on the Protection of Privacy in Working Life 759/2004: only data directly
 *   necessary, monitoring agreed in co-operation), and the reason is shown instead.
 */

/** 'team': two or more professionals; 'one-professional': exactly one; 'none': no one's work yet. */
export type FigureScope = 'team' | 'one-professional' | 'none';

/** The scope of a figure that rests on the work of `professionals` distinct professionals. */
export function figureScope(professionals: number): FigureScope {
  if (!Number.isSafeInteger(professionals) || professionals < 0) throw new RangeError(`professionals must be a non-negative integer, got ${professionals}`);
  return professionals === 0 ? 'none' : professionals === 1 ? 'one-professional' : 'team';
}

/** What a figure measures, which decides what is done when it rests on one professional. */
export type FigureKind = 'capacity' | 'performance';

/** Whether a figure of this kind and scope may be shown at all (labelling is the caller's). */
export function teamFigureShown(kind: FigureKind, scope: FigureScope): boolean {
  return kind === 'capacity' || scope !== 'one-professional';
}

/**
 * A verification's deadline (docs/lifecycle.md): the planned start when given, otherwise creation plus
 * DEFAULT_DEADLINE_HOURS (24, at most 48). Jobs are prioritized by it, the sweep escalates
 * ESCALATE_BEFORE_MINUTES before it, and `withinWindow` says whether settlement came before it.
 */
export function deadlineFor(createdAt: Date, plannedStart: Date | null, defaultHours: number): Date {
  return plannedStart ?? new Date(createdAt.getTime() + defaultHours * 3_600_000);
}

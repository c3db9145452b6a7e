/**
 * The simulator's notion of "now". Rules such as iyzico's same-day cancel depend on it, so tests
 * must be able to move it without waiting or stubbing the global Date.
 */

export interface SimulatorClock {
  now(): Date;
  /** Freezes the clock at `date`. */
  set(date: Date): void;
  /** Moves the clock forward (or back, with a negative value) by `ms`. */
  advance(ms: number): void;
}

/**
 * A clock that follows real time until `set` is called (or `start` is given), after which it is
 * frozen and only moves with `advance`: a frozen clock keeps date rules deterministic in tests.
 */
export function createClock(start?: Date): SimulatorClock {
  let fixed: number | undefined = start?.getTime();
  let offset = 0;
  return {
    now: () => new Date(fixed ?? Date.now() + offset),
    set(date) {
      if (Number.isNaN(date.getTime())) throw new RangeError("clock.set: invalid date");
      fixed = date.getTime();
    },
    advance(ms) {
      if (!Number.isFinite(ms)) throw new RangeError("clock.advance: ms must be a finite number");
      if (fixed === undefined) offset += ms;
      else fixed += ms;
    },
  };
}

/** The calendar day ("2024-05-31") of `date` in `timeZone`, e.g. a provider's local business day. */
export function calendarDay(date: Date, timeZone: string): string {
  return dayFormat(timeZone).format(date);
}

// Building an Intl.DateTimeFormat costs far more than formatting with one (it was most of a
// simulated retrieve's CPU), and a simulator asks for a handful of time zones at most.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  // en-CA formats as YYYY-MM-DD.
  if (format === undefined)
    dayFormats.set(timeZone, (format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })));
  return format;
}

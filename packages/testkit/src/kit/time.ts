/**
 * The one business time zone of every simulated provider: all five are Turkish companies (or, for
 * DineroPay, serve Türkiye), and Türkiye has been on UTC+3 all year since 2016. Same-day cancel and
 * void windows and the providers' local timestamps are all read in it.
 */
import { calendarDay } from "../clock.ts";

export const ISTANBUL_TIME_ZONE = "Europe/Istanbul";

/** The Istanbul calendar day of `date`, "2024-06-12". */
export function istanbulDay(date: Date): string {
  return calendarDay(date, ISTANBUL_TIME_ZONE);
}

// One formatter for the whole process: building an Intl.DateTimeFormat costs far more than using one.
const clockTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: ISTANBUL_TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/**
 * "2024-06-12 14:05:00" (iyzico, DineroPay) or, with separator "T", "2024-06-12T14:05:00" (the .NET
 * DateTime Paywall shows): local Istanbul time without an offset, as those providers write it.
 */
export function istanbulDateTime(date: Date, separator: " " | "T" = " "): string {
  return `${istanbulDay(date)}${separator}${clockTime.format(date)}`;
}

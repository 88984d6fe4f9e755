// Scheduling: working calendars, business days and the slot finder. Pure: no I/O, every instant a UTC Date.
export {
  addBusinessDays,
  businessDaysBefore,
  businessDaysBetween,
  businessHoursIntervals,
  createCustomerCalendar,
  defaultBusinessHours,
  isBusinessDay,
  mondayToFriday,
  sundayToThursday,
  workingIntervals,
} from './calendar';
export type {
  BusinessCalendar,
  CustomerCalendar,
  TimeInterval,
  TimeOff,
  WallClockInterval,
  WorkingCalendar,
} from './calendar';
export { SchedulingInputError } from './errors';
export { listPublicHolidays } from './holidays';
export type { HolidayRegion, PublicHoliday } from './holidays';
export type { IsoWeekday } from './local-date';
export {
  defaultSlotSearch,
  findEarliestSlots,
  findEarliestSlotsForTeam,
  isBlockingFor,
  projectPriorities,
} from './slot-finder';
export type {
  BusySession,
  EngineerSlots,
  ProjectPriority,
  Slot,
  SlotSearch,
  TeamMember,
  TeamSlotSearch,
} from './slot-finder';

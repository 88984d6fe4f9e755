/**
 * A calendar or a search that cannot be evaluated: an unknown time zone or holiday country, a malformed date or
 * wall-clock time, working hours that end before they start. The service maps it to `validation_failed`; the domain
 * does not import the server's AppError.
 */
export class SchedulingInputError extends Error {
  readonly code = 'invalid_scheduling_input';

  constructor(message: string) {
    super(message);
    this.name = 'SchedulingInputError';
  }
}

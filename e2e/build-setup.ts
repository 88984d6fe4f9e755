import { buildWhatUsersRun } from './built-server';

/** The end-to-end HTTP suite starts the server users run: build it first when its sources changed. */
export default function setup(): void {
  buildWhatUsersRun();
}

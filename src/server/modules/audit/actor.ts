/** The audit actor types live in src/server/identity.ts, below every module; this file keeps their old address. */
export { systemActor, type Actor, type StaffActor } from '../../identity';

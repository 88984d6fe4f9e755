/**
 * What a purchase order's lines buy, counted the same way by the server (the order's effort, the project it creates)
 * and by the web app (the summary under the order form).
 */
import type { Service } from '../content/content.schemas';

/** A line of an order: a service of the catalogue and how many of its units. */
export interface OrderLine {
  readonly serviceKey: string;
  readonly quantity: number;
}

/** What the lines bought: days of effort (lines of a service measured in days) and whether any training. */
export interface LinesSummary {
  readonly effortDays: number;
  readonly isTrainingPurchased: boolean;
}

/**
 * What the lines of an order bought: the days of the lines whose service is measured in days (a service measured in
 * sessions adds none), and whether any line is a training. A line of a service the catalogue lacks counts for nothing.
 */
export function summarizeLines(
  lines: readonly OrderLine[],
  services: readonly Pick<Service, 'key' | 'unit' | 'kind'>[],
): LinesSummary {
  const byKey = new Map(services.map((service) => [service.key, service]));
  let effortDays = 0;
  let isTrainingPurchased = false;
  for (const line of lines) {
    const service = byKey.get(line.serviceKey);
    if (service?.unit === 'days') effortDays += line.quantity;
    if (service?.kind === 'training') isTrainingPurchased = true;
  }
  return { effortDays, isTrainingPurchased };
}

import { describe, expect, it } from 'vitest';
import { summarizeLines } from './effort';

const services = [
  { key: 'installation', unit: 'days', kind: 'installation' },
  { key: 'consulting', unit: 'days', kind: 'consulting' },
  { key: 'training', unit: 'sessions', kind: 'training' },
] as const;

describe('what a purchase order’s lines buy', () => {
  it('adds the days of the lines measured in days, half days included, and no sessions', () => {
    const summary = summarizeLines(
      [
        { serviceKey: 'installation', quantity: 3 },
        { serviceKey: 'consulting', quantity: 1.5 },
        { serviceKey: 'training', quantity: 2 },
      ],
      services,
    );
    expect(summary).toEqual({ effortDays: 4.5, isTrainingPurchased: true });
  });

  it('buys no training without a training line, and counts nothing for a service the catalogue lacks', () => {
    expect(
      summarizeLines(
        [
          { serviceKey: 'installation', quantity: 2 },
          { serviceKey: 'retired-service', quantity: 5 },
        ],
        services,
      ),
    ).toEqual({ effortDays: 2, isTrainingPurchased: false });
    expect(summarizeLines([], services)).toEqual({ effortDays: 0, isTrainingPurchased: false });
  });
});

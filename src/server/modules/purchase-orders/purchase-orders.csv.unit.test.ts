import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseDate, parseDecimal, parsePurchaseOrderCsv } from './purchase-orders.csv';

describe('purchase-order CSV', () => {
  it('reads amounts written the Italian or the English way', () => {
    expect(parseDecimal('4800')).toBe(4800);
    expect(parseDecimal('4800.5')).toBe(4800.5);
    expect(parseDecimal('4800,50')).toBe(4800.5);
    expect(parseDecimal('4.800,50')).toBe(4800.5);
    expect(parseDecimal('4,800.50')).toBe(4800.5);
    expect(parseDecimal('1.234.567')).toBe(1234567);
    expect(parseDecimal('1 234,00')).toBe(1234);
    expect(parseDecimal('12e3')).toBeNull();
    expect(parseDecimal('1,2,3.4.5')).toBeNull();
    expect(parseDecimal('')).toBeNull();
  });

  it('reads ISO and day-first dates, and refuses days that do not exist', () => {
    expect(parseDate('2027-01-15')).toBe('2027-01-15');
    expect(parseDate('15/01/2027')).toBe('2027-01-15');
    expect(parseDate('5.1.2027')).toBe('2027-01-05');
    expect(parseDate('2027-02-29')).toBeNull();
    expect(parseDate('31/04/2027')).toBeNull();
    expect(parseDate('01/15/2027')).toBeNull();
  });

  it('takes the separator of the header line', () => {
    expect(detectDelimiter('number;customer;amount\n1;"A, B";4,5')).toBe(';');
    expect(detectDelimiter('\uFEFFnumber,customer\n')).toBe(',');
    expect(detectDelimiter('number\tcustomer\n')).toBe('\t');
  });

  it('reports a row with a field too many instead of shifting its columns', () => {
    const header = 'number,order_date,customer,currency,amount,applications,lines,deployment';
    const { fileProblem, rows } = parsePurchaseOrderCsv(
      `${header}\nA,2027-01-01,C,EUR,1,call-recording,upgrade=1,windows-vms,extra\n`,
    );
    expect(fileProblem).toBeNull();
    expect(rows[0]?.problems).toEqual([
      { column: 'row', message: 'Has 9 fields where the header has 8: check the separators and quotes.' },
    ]);
  });

  it('names the columns of a header it does not know', () => {
    expect(parsePurchaseOrderCsv('').fileProblem).toBe('The file is empty.');
    expect(
      parsePurchaseOrderCsv('number,order_date,customer,currency,amount,applications,lines,deployment\n').fileProblem,
    ).toBe('The file has a header but no purchase order.');
    expect(parsePurchaseOrderCsv('po,date\n1,2\n').fileProblem).toMatch(
      /^The header has unknown columns “po”, “date” and missing columns number, order_date/,
    );
  });
});

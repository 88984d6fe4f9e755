import { CsvError, parse } from 'csv-parse/sync';
import { translate, translatorFor, type TextKey } from '../../../domain/text/i18n';

const en = translatorFor('en', 'errors');

/**
 * The purchase-order CSV: one order per row, a header naming the columns (any order, any case). Commas, semicolons
 * (a spreadsheet in Italian) or tabs separate the fields. Lists inside a cell are separated by `|`:
 *   number,order_date,customer,partner,currency,amount,applications,lines,deployment,priority,project_name
 *   PO-2027-001,2027-01-15,Rossi SpA,Partner Srl,EUR,"4.800,00",call-recording|call-analytics,installation-remote=3|training-admin=1,virtual-appliance,high,
 */
export const requiredColumns = [
  'number',
  'order_date',
  'customer',
  'currency',
  'amount',
  'applications',
  'lines',
  'deployment',
] as const;
export const optionalColumns = ['partner', 'priority', 'project_name'] as const;
const knownColumns: readonly string[] = [...requiredColumns, ...optionalColumns];
const maxRows = 2000;

export interface CsvProblem {
  column: string;
  message: string;
}

/** Why a whole file cannot be read, as a text of the errors resources with its values. */
export interface CsvFileProblem {
  key: TextKey<'errors'>;
  values: Readonly<Record<string, string | number>>;
}

/** A file that cannot be read: the problem in English words, and as the resources' key for a refusal. */
function unreadable(key: TextKey<'errors'>, values: Readonly<Record<string, string | number>> = {}) {
  return { fileProblem: translate('en', 'errors', key, values), fileProblemReason: { key, values }, rows: [] };
}

export interface CsvOrderRow {
  /** The line of the file (the header is line 1). */
  line: number;
  values: { number?: string; customer?: string; partner?: string };
  /** The order's fields as the API body takes them, without the organisations (looked up by name). */
  order: Record<string, unknown>;
  problems: CsvProblem[];
}

/** A decimal written as 1234.5, 1234,50, 1.234,50 or 1,234.50; null when it is not one. */
export function parseDecimal(text: string): number | null {
  const compact = text.replace(/[\s\u00a0']/g, '');
  if (!/^-?[\d.,]+$/.test(compact)) return null;
  const lastDot = compact.lastIndexOf('.');
  const lastComma = compact.lastIndexOf(',');
  let normalized: string;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    normalized = compact.split(thousands).join('').replace(decimal, '.');
  } else {
    const separator = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
    if (separator === null) normalized = compact;
    else {
      const parts = compact.split(separator);
      // One separator followed by 1 or 2 digits is a decimal point; otherwise it groups thousands (1.234 or 1,234,567).
      normalized =
        parts.length === 2 && (parts[1]?.length ?? 0) <= 2 ? `${parts[0] ?? ''}.${parts[1] ?? ''}` : parts.join('');
    }
  }
  if (!/^-?\d+(\.\d+)?$/.test(normalized)) return null;
  return Number(normalized);
}

/** 2027-01-15 or 15/01/2027 (day first) as an ISO date; null otherwise. */
export function parseDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const dayFirst = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
  const [year, month, day] =
    iso !== null ? [iso[1], iso[2], iso[3]] : dayFirst !== null ? [dayFirst[3], dayFirst[2], dayFirst[1]] : [];
  if (year === undefined || month === undefined || day === undefined) return null;
  const value = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : value;
}

function splitList(text: string): string[] {
  return text
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function parseRow(line: number, cells: Record<string, string>): CsvOrderRow {
  const problems: CsvProblem[] = [];
  const cell = (column: string) => {
    const value = cells[column]?.trim() ?? '';
    return value === '' ? undefined : value;
  };
  for (const column of requiredColumns) {
    if (cell(column) === undefined) problems.push({ column, message: en('purchaseOrders.csv_required') });
  }
  const order: Record<string, unknown> = {
    number: cell('number'),
    currency: cell('currency'),
    deployment: cell('deployment'),
    ...(cell('priority') === undefined ? {} : { priority: cell('priority')?.toLowerCase() }),
    ...(cell('project_name') === undefined ? {} : { projectName: cell('project_name') }),
  };
  const orderDate = cell('order_date');
  if (orderDate !== undefined) {
    order.orderDate = parseDate(orderDate);
    if (order.orderDate === null)
      problems.push({ column: 'order_date', message: en('purchaseOrders.csv_not_a_date', { value: orderDate }) });
  }
  const amount = cell('amount');
  if (amount !== undefined) {
    order.amount = parseDecimal(amount);
    if (order.amount === null)
      problems.push({ column: 'amount', message: en('purchaseOrders.csv_not_an_amount', { value: amount }) });
  }
  const applications = cell('applications');
  if (applications !== undefined) order.applications = splitList(applications);
  const lines = cell('lines');
  if (lines !== undefined) {
    order.lines = splitList(lines).map((item) => {
      const match = /^([a-z0-9-]+)\s*[=:]\s*(.+)$/i.exec(item);
      const quantity = match?.[2] === undefined ? null : parseDecimal(match[2]);
      if (match === null || quantity === null) {
        problems.push({
          column: 'lines',
          message: en('purchaseOrders.csv_not_a_line', { value: item }),
        });
        return { serviceKey: item, quantity: 0 };
      }
      return { serviceKey: (match[1] ?? '').toLowerCase(), quantity };
    });
  }
  return {
    line,
    values: { number: cell('number'), customer: cell('customer'), partner: cell('partner') },
    order,
    problems,
  };
}

/** The separator of the header line: the most frequent of comma, semicolon and tab (a header has no quoted commas). */
export function detectDelimiter(text: string): string {
  const header =
    text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .find((line) => line.trim() !== '') ?? '';
  const counts = [',', ';', '\t'].map((delimiter) => ({ delimiter, count: header.split(delimiter).length - 1 }));
  return counts.reduce((best, candidate) => (candidate.count > best.count ? candidate : best)).delimiter;
}

/** Reads the file; fileProblem says why the whole file cannot be read (no header, unknown columns, not CSV). */
export function parsePurchaseOrderCsv(text: string): {
  fileProblem: string | null;
  fileProblemReason: CsvFileProblem | null;
  rows: CsvOrderRow[];
} {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      bom: true,
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    return error instanceof CsvError
      ? unreadable('purchaseOrders.csv_invalid_because', { problem: error.message })
      : unreadable('purchaseOrders.csv_invalid');
  }
  const [first, ...body] = records;
  if (first === undefined) return unreadable('purchaseOrders.file_empty');
  const columns = first.record.map((name) =>
    name
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const unknown = columns.filter((column) => !knownColumns.includes(column));
  const missing = requiredColumns.filter((column) => !columns.includes(column));
  if (unknown.length > 0 || missing.length > 0) {
    const unknownPart = en('purchaseOrders.csv_unknown_columns', {
      count: unknown.length,
      columns: unknown.map((column) => en('purchaseOrders.csv_quoted', { value: column })).join(', '),
    });
    const missingPart = en('purchaseOrders.csv_missing_columns', {
      count: missing.length,
      columns: missing.join(', '),
    });
    const problems =
      unknown.length === 0
        ? missingPart
        : missing.length === 0
          ? unknownPart
          : en('purchaseOrders.csv_both', { first: unknownPart, second: missingPart });
    return unreadable('purchaseOrders.csv_header', { problems, columns: knownColumns.join(', ') });
  }
  if (body.length === 0) return unreadable('purchaseOrders.csv_no_order');
  if (body.length > maxRows)
    return unreadable('purchaseOrders.csv_too_many_rows', { rows: body.length, maximum: maxRows });
  const rows = body.map(({ record, info }) => {
    // The line where the record ends, as a spreadsheet numbers it (a quoted cell may span lines).
    const line = info.lines;
    if (record.length !== columns.length) {
      return {
        line,
        values: {},
        order: {},
        problems: [
          {
            column: 'row',
            message: en('purchaseOrders.csv_field_count', { fields: record.length, columns: columns.length }),
          },
        ],
      };
    }
    return parseRow(line, Object.fromEntries(columns.map((column, position) => [column, record[position] ?? ''])));
  });
  return { fileProblem: null, fileProblemReason: null, rows };
}

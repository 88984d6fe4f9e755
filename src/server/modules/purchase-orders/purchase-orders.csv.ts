import { CsvError, parse } from 'csv-parse/sync';

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
    if (cell(column) === undefined) problems.push({ column, message: 'Empty: this column is required.' });
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
      problems.push({ column: 'order_date', message: `“${orderDate}” is not a date: write 2027-01-15 or 15/01/2027.` });
  }
  const amount = cell('amount');
  if (amount !== undefined) {
    order.amount = parseDecimal(amount);
    if (order.amount === null)
      problems.push({ column: 'amount', message: `“${amount}” is not an amount: write 4800.00 or 4.800,00.` });
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
          message: `“${item}” is not a line: write service=quantity, such as installation-remote=3.`,
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
export function parsePurchaseOrderCsv(text: string): { fileProblem: string | null; rows: CsvOrderRow[] } {
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
    const where = error instanceof CsvError ? ` (${error.message})` : '';
    return { fileProblem: `The file is not valid CSV${where}.`, rows: [] };
  }
  const [first, ...body] = records;
  if (first === undefined) return { fileProblem: 'The file is empty.', rows: [] };
  const columns = first.record.map((name) =>
    name
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const unknown = columns.filter((column) => !knownColumns.includes(column));
  const missing = requiredColumns.filter((column) => !columns.includes(column));
  if (unknown.length > 0 || missing.length > 0) {
    const parts = [
      unknown.length > 0
        ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((column) => `“${column}”`).join(', ')}`
        : null,
      missing.length > 0 ? `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` : null,
    ].filter((part) => part !== null);
    return {
      fileProblem: `The header has ${parts.join(' and ')}. The columns are: ${knownColumns.join(', ')} (the last three optional).`,
      rows: [],
    };
  }
  if (body.length === 0) return { fileProblem: 'The file has a header but no purchase order.', rows: [] };
  if (body.length > maxRows)
    return { fileProblem: `The file has ${body.length} rows; import at most ${maxRows} at a time.`, rows: [] };
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
            message: `Has ${record.length} fields where the header has ${columns.length}: check the separators and quotes.`,
          },
        ],
      };
    }
    return parseRow(line, Object.fromEntries(columns.map((column, position) => [column, record[position] ?? ''])));
  });
  return { fileProblem: null, rows };
}

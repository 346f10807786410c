/**
 * CSV as RFC 4180 writes it: fields separated by commas, records by CRLF; a
 * field with a comma, a double quote, a CR or an LF is put in double quotes,
 * with its double quotes doubled. Text that a spreadsheet would run as a
 * formula (starting with =, +, -, @, a tab or a CR) is prefixed with an
 * apostrophe, so an exported dealership or module name can't become one.
 * Numbers are written as they are.
 */
export type CsvCell = string | number | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(cells: readonly CsvCell[]): string {
  return `${cells.map(csvField).join(",")}\r\n`;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  let out = csvRecord(header);
  for (const row of rows) out += csvRecord(row);
  return out;
}

/** The headers of a CSV download: an attachment with a safe file name. */
export function csvHeaders(filename: string): HeadersInit {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, "_");
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${safe}"`,
    "Cache-Control": "no-store",
  };
}

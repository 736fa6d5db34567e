// RFC 4180 CSV with spreadsheet formula-injection protection. Audit explanations quote customer
// messages and emails, so a cell like "=HYPERLINK(...)" must open as text, never as a formula.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (value instanceof Date) text = value.toISOString();
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  // OWASP's advice: a leading quote makes Excel, Sheets and LibreOffice treat the cell as text.
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRow(values: readonly unknown[]): string {
  return values.map(csvCell).join(',');
}

/** Header plus rows, CRLF line ends (what RFC 4180 and Excel expect). */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [csvRow(header), ...rows.map(csvRow)].join('\r\n') + '\r\n';
}

/** An action's output as records for `--format jsonl|csv`: its main list, each record flattened for CSV. */

/** The output itself when it is a list, else its longest list of objects (Orders, rows, ListParticipations, ...). */
export function recordsOf(output: unknown): unknown[] {
  if (Array.isArray(output)) return output;
  if (output === null || typeof output !== 'object') return [output];
  let best: unknown[] | undefined;
  for (const value of Object.values(output)) {
    if (Array.isArray(value) && value.every((v) => v !== null && typeof v === 'object') && (best === undefined || value.length > best.length)) best = value;
  }
  return best ?? [output];
}

export function toJsonLines(records: unknown[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + (records.length > 0 ? '\n' : '');
}

/** RFC 4180 CSV: nested objects as dotted columns, lists as JSON text, columns in first-seen order. */
export function toCsv(records: unknown[]): string {
  const rows = records.map((r) => flatten(r));
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  const lines = [columns.map(cell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c] ?? '')).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function flatten(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (value === null || value === undefined) {
    if (prefix) out[prefix] = '';
  } else if (Array.isArray(value)) {
    out[prefix || 'value'] = JSON.stringify(value);
  } else if (typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out[prefix || 'value'] = String(value);
  }
  return out;
}

function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

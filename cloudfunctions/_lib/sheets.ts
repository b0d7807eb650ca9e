/**
 * Spreadsheets in and out: .xlsx through SheetJS (`@e965/xlsx`, bundled into the admin function only),
 * CSV by hand (UTF-8 with a BOM, so Excel opens Chinese text correctly).
 */
// The mini build (xlsx and CSV only, ~280 KB) keeps the admin bundle small; the types are the full build's.
import * as XLSX from '@e965/xlsx/dist/xlsx.mini.min';
import { DomainError, ErrorCode } from '../../domain/errors';

export type Cell = string | number | boolean | null;

const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b;

/** The first sheet's rows, every cell as text (empty cells ''), blank rows dropped. */
export function readSheet(content: Buffer, name: string): string[][] {
  const lower = name.toLowerCase();
  let wb: XLSX.WorkBook;
  try {
    if (isZip(content)) wb = XLSX.read(content, { type: 'buffer', dense: true });
    else if (lower.endsWith('.xlsx')) throw new Error('not an .xlsx file');
    else wb = XLSX.read(content.toString('utf8').replace(/^\uFEFF/, ''), { type: 'string', raw: true, dense: true });
  } catch (err) {
    throw new DomainError(ErrorCode.INVALID_INPUT, `fileID: 无法读取表格（${String((err as Error).message)}）`);
  }
  const sheet = wb.Sheets[wb.SheetNames[0]];
  if (!sheet) throw new DomainError(ErrorCode.INVALID_INPUT, 'fileID: 表格为空');
  const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: false, defval: '', blankrows: false });
  return rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));
}

const csvCell = (c: Cell) => {
  const s = c === null ? '' : String(c);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function toCsv(rows: Cell[][]): Buffer {
  return Buffer.from('\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n', 'utf8');
}

export function toXlsx(sheets: Array<{ name: string; rows: Cell[][] }>): Buffer {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(s.rows), s.name);
  // SheetJS answers a Uint8Array under some runtimes (jest's): always hand back a Node Buffer.
  return Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array);
}

export const render = (format: 'csv' | 'xlsx', name: string, rows: Cell[][]): Buffer =>
  format === 'csv' ? toCsv(rows) : toXlsx([{ name, rows }]);

/**
 * Canonical serialisation of journal entries, batch headers and day headers: the exact bytes the
 * Merkle trees hash (docs/books.md specifies them). Fixed field order, integer fen, ISO-8601 UTC times,
 * UTF-8. The donor account is blinded per entry, so a published entry never reveals an openid and two
 * donations by one donor cannot be linked.
 */
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex } from '@noble/hashes/utils';
import { MONEY_SOURCES, zeroSources, type MoneySource } from './api';
import type { EntryKind } from './ledger';
import { accountKey, accountOf, type Account } from './accounts';

export const CANONICAL_VERSION = 1;
export const SOURCE_ORDER: readonly MoneySource[] = MONEY_SOURCES;
export type SourceTotals = Record<MoneySource, number>;

/** What a stored entry must have for the books (extra stored fields are not part of the commitment). */
export interface StoredEntry {
  _id: string;
  kind: EntryKind;
  projectId: string;
  orderId?: string | null;
  source?: string | null;
  amountFen: number;
  at: number;
  day: string;
  /** Structured accounts (strings in entries written before they were), serialised by `accountKey`. */
  postings: Array<{ account: Account | string; amountFen: number }>;
}

/** UTF-8 bytes without TextEncoder (missing in some mini-program base libraries). */
export function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** `donor:<openid>` → `donor:<16 hex>` keyed by the entry id: stable for the entry, unlinkable across entries. */
export function blindAccount(entryId: string, account: string): string {
  if (!account.startsWith('donor:')) return account;
  const tag = bytesToHex(sha256(utf8(`shanxing/donor/v1|${entryId}|${account.slice(6)}`))).slice(0, 16);
  return `donor:${tag}`;
}

/** ISO-8601 UTC with milliseconds; a non-finite time serialises as null (and never verifies as valid). */
const iso = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);

/** The canonical JSON text of one entry. Numbers are written as stored, so a changed fen changes the bytes. */
export function canonicalEntry(e: StoredEntry): string {
  return JSON.stringify({
    v: CANONICAL_VERSION,
    id: String(e._id),
    kind: e.kind,
    projectId: e.projectId,
    orderId: e.orderId ?? null,
    source: e.source ?? null,
    amountFen: e.amountFen,
    at: iso(e.at),
    day: e.day,
    postings: (e.postings ?? []).map((p) => ({
      account: blindAccount(String(e._id), accountKey(p.account)),
      amountFen: p.amountFen,
    })),
  });
}

export const zeroTotals = (): SourceTotals => zeroSources();

/** Net fen by source over project accounts (`project:<id>:<source>`), optionally for one project. */
export function addEntryTotals(into: SourceTotals, e: Pick<StoredEntry, 'postings'>, projectId?: string): SourceTotals {
  for (const p of e.postings ?? []) {
    const a = accountOf(p.account);
    if (a.kind === 'project' && (!projectId || a.projectId === projectId)) into[a.source] += p.amountFen;
  }
  return into;
}

const orderedTotals = (t: SourceTotals) => Object.fromEntries(SOURCE_ORDER.map((s) => [s, t[s] ?? 0]));

export interface BatchHeader {
  id: string;
  day: string;
  count: number;
  root: string;
  totals: SourceTotals;
}

export function canonicalBatch(b: BatchHeader): string {
  return JSON.stringify({
    v: CANONICAL_VERSION,
    id: b.id,
    day: b.day,
    count: b.count,
    root: b.root,
    totals: orderedTotals(b.totals),
  });
}

export interface DayHeader {
  day: string;
  prevRoot: string;
  batchesRoot: string;
  batches: number;
  entries: number;
  totals: SourceTotals;
}

export function canonicalDay(d: DayHeader): string {
  return JSON.stringify({
    v: CANONICAL_VERSION,
    day: d.day,
    prevRoot: d.prevRoot,
    batchesRoot: d.batchesRoot,
    batches: d.batches,
    entries: d.entries,
    totals: orderedTotals(d.totals),
  });
}

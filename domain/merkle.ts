/**
 * Merkle trees and inclusion proofs for the sealed journal (docs/books.md). Pure: shared by the
 * functions, the app (on-device verification) and scripts/verify.ts.
 *
 * Rules: leaf = SHA-256(0x00 ‖ bytes), node = SHA-256(0x01 ‖ left ‖ right), day root =
 * SHA-256(0x02 ‖ canonical day header). The domain bytes keep a leaf from passing as a node (second
 * preimage). An odd node at the end of a level is promoted unchanged (never paired with itself, so
 * duplicating the last leaf cannot forge the same root). The root of no leaves is SHA-256 of nothing.
 */
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils';
import {
  canonicalBatch,
  canonicalDay,
  canonicalEntry,
  utf8,
  type BatchHeader,
  type DayHeader,
  type StoredEntry,
} from './canonical';

export type Hex = string;
export interface PathStep {
  /** Which side the sibling is on. */
  side: 'left' | 'right';
  hash: Hex;
}

export const GENESIS_PREV_ROOT: Hex = '0'.repeat(64);
export const EMPTY_ROOT: Hex = bytesToHex(sha256(new Uint8Array(0)));

function tagged(tag: number, ...parts: Uint8Array[]): Hex {
  const len = parts.reduce((n, p) => n + p.length, 1);
  const buf = new Uint8Array(len);
  buf[0] = tag;
  let o = 1;
  for (const p of parts) {
    buf.set(p, o);
    o += p.length;
  }
  return bytesToHex(sha256(buf));
}

export const leafHash = (text: string): Hex => tagged(0x00, utf8(text));
export const nodeHash = (left: Hex, right: Hex): Hex => tagged(0x01, hexToBytes(left), hexToBytes(right));
export const entryLeaf = (e: StoredEntry): Hex => leafHash(canonicalEntry(e));
export const batchLeaf = (b: BatchHeader): Hex => leafHash(canonicalBatch(b));
export const dayRootOf = (d: DayHeader): Hex => tagged(0x02, utf8(canonicalDay(d)));

function nextLevel(level: Hex[]): Hex[] {
  const up: Hex[] = [];
  for (let i = 0; i < level.length; i += 2) up.push(i + 1 < level.length ? nodeHash(level[i], level[i + 1]) : level[i]);
  return up;
}

export function merkleRoot(leaves: Hex[]): Hex {
  if (leaves.length === 0) return EMPTY_ROOT;
  let level = leaves;
  while (level.length > 1) level = nextLevel(level);
  return level[0];
}

/** The sibling path from leaf `index` to the root (promotion steps have no sibling and are skipped). */
export function merklePath(leaves: Hex[], index: number): PathStep[] {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length)
    throw new RangeError(`leaf ${index} of ${leaves.length}`);
  const path: PathStep[] = [];
  let level = leaves;
  let i = index;
  while (level.length > 1) {
    const sib = i % 2 === 0 ? i + 1 : i - 1;
    if (sib < level.length) path.push({ side: sib < i ? 'left' : 'right', hash: level[sib] });
    level = nextLevel(level);
    i = Math.floor(i / 2);
  }
  return path;
}

export function rootFromPath(leaf: Hex, path: PathStep[]): Hex {
  return path.reduce((h, s) => (s.side === 'left' ? nodeHash(s.hash, h) : nodeHash(h, s.hash)), leaf);
}

/** Everything needed to check one entry against a published day root, with no database. */
export interface InclusionProof {
  v: 1;
  /** The canonical entry text: the exact bytes of the leaf. */
  entry: string;
  entryPath: PathStep[];
  batch: BatchHeader;
  batchPath: PathStep[];
  day: DayHeader;
  dayRoot: Hex;
}

export type VerifyCode =
  'ok' | 'malformed' | 'entry_path' | 'batch_path' | 'day_header' | 'root_mismatch' | 'not_canonical';

export interface VerifyResult {
  ok: boolean;
  code: VerifyCode;
  /** Simplified Chinese, shown on the verify page and printed by `npm run verify`. */
  reason: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const isPath = (p: unknown): p is PathStep[] =>
  Array.isArray(p) && p.every((s) => s && (s.side === 'left' || s.side === 'right') && HEX64.test(s.hash));

/**
 * Check a proof: entry → batch root → day's batches root → day root (which commits to the previous
 * day's root), and, when given, that the day root is the published one.
 */
export function verifyProof(proof: unknown, publishedRoot?: Hex | null): VerifyResult {
  const bad = (code: VerifyCode, reason: string): VerifyResult => ({ ok: false, code, reason });
  const p = proof as InclusionProof;
  if (
    !p ||
    typeof p !== 'object' ||
    p.v !== 1 ||
    typeof p.entry !== 'string' ||
    !p.batch ||
    !p.day ||
    !isPath(p.entryPath) ||
    !isPath(p.batchPath)
  )
    return bad('malformed', '证明格式不正确');
  let parsed: StoredEntry & { id: string; at: string };
  try {
    parsed = JSON.parse(p.entry);
  } catch {
    return bad('malformed', '账目内容不是有效的 JSON');
  }
  const money = [parsed.amountFen, ...(parsed.postings ?? []).map((x) => x.amountFen)];
  if (!money.every(Number.isSafeInteger) || (parsed.postings ?? []).reduce((s, x) => s + x.amountFen, 0) !== 0)
    return bad('not_canonical', '账目金额不是整数分或借贷不平');
  const batchRoot = rootFromPath(leafHash(p.entry), p.entryPath);
  if (batchRoot !== p.batch.root) return bad('entry_path', `账目不在批次 ${p.batch.id} 中：路径算出的批次根与记录不符`);
  const batchesRoot = rootFromPath(batchLeaf(p.batch), p.batchPath);
  if (batchesRoot !== p.day.batchesRoot) return bad('batch_path', `批次 ${p.batch.id} 不在 ${p.day.day} 的日根中`);
  const root = dayRootOf(p.day);
  if (root !== p.dayRoot) return bad('day_header', `${p.day.day} 的日根与日头信息不符`);
  if (publishedRoot !== undefined && publishedRoot !== null && publishedRoot !== root)
    return bad('root_mismatch', `与公布的 ${p.day.day} 日根不一致`);
  return {
    ok: true,
    code: 'ok',
    reason: publishedRoot ? `已与公布的 ${p.day.day} 日根核对一致` : '证明自洽（未与公布的日根核对）',
  };
}

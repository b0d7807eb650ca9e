import { canonicalEntry, blindAccount, canonicalDay, type StoredEntry } from '../../domain/canonical';
import {
  batchLeaf,
  dayRootOf,
  EMPTY_ROOT,
  entryLeaf,
  GENESIS_PREV_ROOT,
  leafHash,
  merklePath,
  merkleRoot,
  nodeHash,
  rootFromPath,
  verifyProof,
  type InclusionProof,
} from '../../domain/merkle';
import { paidOrderEntry } from '../../domain/ledger';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(`leaf-${i}`));

const entry = (): StoredEntry =>
  paidOrderEntry({
    order: { _id: 'SX20220428ABC', openid: 'o-donor-1', projectId: 'p001', payFen: 1000, couponFen: 0, couponId: null },
    matchFen: 250,
    matchShard: '2022-04-28_7',
    atMs: Date.UTC(2022, 3, 28, 2, 0, 0, 5),
    day: '2022-04-28',
  });

describe('merkle trees', () => {
  it.each([1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33])('a proof for every leaf of %i leaves recomputes the root', (n) => {
    const ls = leaves(n);
    const root = merkleRoot(ls);
    for (let i = 0; i < n; i++) expect(rootFromPath(ls[i], merklePath(ls, i))).toBe(root);
  });

  it('rejects a wrong leaf and a wrong root', () => {
    const ls = leaves(6);
    const root = merkleRoot(ls);
    const path = merklePath(ls, 3);
    expect(rootFromPath(leafHash('forged'), path)).not.toBe(root);
    expect(rootFromPath(ls[3], path)).not.toBe(merkleRoot(leaves(7)));
    expect(rootFromPath(ls[2], path)).not.toBe(root); // the right leaf at the wrong position
  });

  it('promotes an odd node instead of duplicating it, and separates leaves from nodes', () => {
    const [a, b, c] = leaves(3);
    expect(merkleRoot([a, b, c])).toBe(nodeHash(nodeHash(a, b), c));
    expect(merkleRoot([a, b, c])).not.toBe(merkleRoot([a, b, c, c]));
    expect(merkleRoot([a])).toBe(a);
    expect(merkleRoot([])).toBe(EMPTY_ROOT);
    expect(leafHash('x')).not.toBe(nodeHash(leafHash('x'), leafHash('x')));
  });
});

describe('canonical serialisation', () => {
  it('is stable: fixed field order, integer fen, ISO times; key order of the stored doc does not matter', () => {
    const e = entry();
    const shuffled = Object.fromEntries(Object.entries(e).reverse()) as unknown as StoredEntry;
    expect(canonicalEntry(shuffled)).toBe(canonicalEntry(e));
    expect(canonicalEntry(e)).toMatchSnapshot();
    expect(canonicalEntry(e)).toContain('"at":"2022-04-28T02:00:00.005Z"');
  });

  it('never carries the openid; the donor tag differs per entry', () => {
    const text = canonicalEntry(entry());
    expect(text).not.toContain('o-donor-1');
    expect(blindAccount('a', 'donor:x')).not.toBe(blindAccount('b', 'donor:x'));
    expect(blindAccount('a', 'pool:foundation')).toBe('pool:foundation');
  });

  it('changes with one fen', () => {
    const e = entry();
    const t = { ...e, postings: e.postings.map((p, i) => (i === 0 ? { ...p, amountFen: p.amountFen - 1 } : p)) };
    expect(entryLeaf(t)).not.toBe(entryLeaf(e));
  });

  it('encodes UTF-8 like Buffer', () => {
    const { utf8 } = jest.requireActual('../../domain/canonical');
    for (const s of ['善款账本', 'a€😀b', '']) expect(Buffer.from(utf8(s))).toEqual(Buffer.from(s, 'utf8'));
  });
});

describe('inclusion proofs', () => {
  function proofOf(entries: StoredEntry[], index: number): InclusionProof {
    const ls = entries.map(entryLeaf);
    const batch = {
      id: 'B-20220428-1000',
      day: '2022-04-28',
      count: ls.length,
      root: merkleRoot(ls),
      totals: { public: 0, match: 0, sponsor: 0, coupon: 0, topup: 0 },
    };
    const other = { ...batch, id: 'B-20220428-1010', root: leafHash('other') };
    const bl = [batchLeaf(batch), batchLeaf(other)];
    const day = {
      day: '2022-04-28',
      prevRoot: GENESIS_PREV_ROOT,
      batchesRoot: merkleRoot(bl),
      batches: 2,
      entries: 2 * ls.length,
      totals: batch.totals,
    };
    return {
      v: 1,
      entry: canonicalEntry(entries[index]),
      entryPath: merklePath(ls, index),
      batch,
      batchPath: merklePath(bl, 0),
      day,
      dayRoot: dayRootOf(day),
    };
  }
  const many = () => [entry(), { ...entry(), _id: 'order_B' }, { ...entry(), _id: 'order_C' }];

  it('verifies against the published root and says why when it does not', () => {
    const p = proofOf(many(), 1);
    expect(verifyProof(p, p.dayRoot)).toMatchObject({ ok: true, code: 'ok' });
    expect(verifyProof(p, 'f'.repeat(64))).toMatchObject({ ok: false, code: 'root_mismatch' });
    const tampered = { ...p, entry: p.entry.replace('"amountFen":1250', '"amountFen":1251') };
    expect(verifyProof(tampered, p.dayRoot).ok).toBe(false);
    expect(verifyProof({ ...p, day: { ...p.day, prevRoot: 'a'.repeat(64) } }, p.dayRoot).code).toBe('day_header');
    expect(verifyProof({ ...p, batch: { ...p.batch, count: 99 } }).code).toBe('batch_path');
    expect(verifyProof({ nonsense: true }).code).toBe('malformed');
    expect(canonicalDay(p.day)).toContain('"prevRoot"');
  });
});

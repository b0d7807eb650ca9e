/**
 * `npm run verify -- <proof.json> [--root <hex> | --roots <roots.json>]`: check a journal inclusion
 * proof offline, with no database. The file may hold the proof itself or a `donate.proof` /
 * `projects.entryProof` answer. With a published root (from campaign.get / admin.exportRoots) the day
 * root must also equal it. Exits 0 when valid, 1 otherwise, printing why.
 */
import fs from 'node:fs';
import { verifyProof, type InclusionProof, type VerifyResult } from '../domain/merkle';

/** The proof inside a file's JSON: a bare proof, or an action's answer `{ proof }` / `{ result: { proof } }`. */
export function extractProof(json: unknown): InclusionProof | null {
  const j = json as any;
  if (j?.v === 1 && typeof j.entry === 'string') return j;
  if (j?.proof !== undefined) return j.proof;
  if (j?.result?.proof !== undefined) return j.result.proof;
  return null;
}

/** The published root of `day` from roots JSON (an array of {day, root} or campaign.get's `{ roots }`). */
export function publishedRootOf(roots: unknown, day: string): string | null {
  const list = (
    Array.isArray(roots) ? roots : ((roots as any)?.roots ?? (roots as any)?.result?.roots ?? [])
  ) as Array<{ day: string; root: string }>;
  return list.find((r) => r.day === day)?.root ?? null;
}

export function verifyJson(json: unknown, opts: { root?: string; roots?: unknown } = {}): VerifyResult {
  const proof = extractProof(json);
  if (!proof) return { ok: false, code: 'malformed', reason: '文件中没有证明（尚未封存？）' };
  const published =
    opts.root ?? (opts.roots !== undefined && proof.day ? publishedRootOf(opts.roots, proof.day.day) : undefined);
  if (opts.roots !== undefined && !published)
    return { ok: false, code: 'root_mismatch', reason: `公布的日根中没有 ${proof.day?.day}` };
  return verifyProof(proof, published ?? undefined);
}

function main(argv: string[]): number {
  const [file, ...rest] = argv;
  if (!file) {
    console.error('usage: npm run verify -- <proof.json> [--root <hex> | --roots <roots.json>]');
    return 1;
  }
  const flag = (name: string) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    console.log(`INVALID ${file}: cannot read JSON (${(err as Error).message})`);
    return 1;
  }
  const rootsFile = flag('--roots');
  const r = verifyJson(json, {
    root: flag('--root'),
    roots: rootsFile ? JSON.parse(fs.readFileSync(rootsFile, 'utf8')) : undefined,
  });
  const proof = extractProof(json);
  const entry = proof ? JSON.parse(proof.entry || '{}') : {};
  console.log(
    `${r.ok ? 'VALID' : 'INVALID'} ${entry.id ?? file}: ${r.code} — ${r.reason}` +
      `${proof?.dayRoot ? ` (day ${proof.day?.day} root ${proof.dayRoot})` : ''}`,
  );
  return r.ok ? 0 : 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

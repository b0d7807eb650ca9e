/**
 * Project intake: the columns of the import sheet (the seed's project shape) and the check of one row.
 * Pure: the admin function reads the file, this decides each row, the function writes the good ones.
 */
import { z } from 'zod';

/** The template's header row, in order (a file may order its columns freely; names must match). */
export const INTAKE_COLUMNS = [
  'id',
  'title',
  'org',
  'orgId',
  'district',
  'domain',
  'targetFen',
  'cover',
  'summary',
  'story',
  'partner',
] as const;
export type IntakeColumn = (typeof INTAKE_COLUMNS)[number];

/** Rows one import may carry: each is one transaction, and the whole import must end within the function's 60 s. */
export const INTAKE_MAX_ROWS = 300;

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const idText = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[0-9A-Za-z_-]+$/, '只能包含字母、数字、下划线和连字符');
const yes = new Set(['true', '1', 'yes', 'y', '是']);
const no = new Set(['false', '0', 'no', 'n', '否', '']);

/** A project's target: integer fen between 100 fen and 100 million yuan. */
const targetFen = z
  .number()
  .int('须为整数（分）')
  .refine((v) => v >= 100 && v <= 10_000_000_000, '须在 100 分到 1 亿元之间');

/** The fields organisation staff fill in and may edit while a project is a draft (intake and the edit form). */
const draftFields = {
  title: text(2, 40),
  district: text(1, 20),
  domain: text(1, 20),
  targetFen,
  cover: z.string().trim().max(512),
  summary: text(1, 120),
  story: text(1, 5000),
};

/** One row as read (every cell a string), checked and normalised. */
export const intakeRow = z
  .object({
    id: idText,
    title: draftFields.title,
    org: text(1, 60),
    orgId: idText,
    district: draftFields.district,
    domain: draftFields.domain,
    targetFen: z
      .string()
      .trim()
      .regex(/^\d{1,12}$/, '须为整数（分）')
      .transform(Number)
      .pipe(targetFen),
    cover: draftFields.cover,
    summary: draftFields.summary,
    story: draftFields.story,
    partner: z
      .string()
      .trim()
      .toLowerCase()
      .refine((v) => yes.has(v) || no.has(v), '须为 是/否')
      .transform((v) => yes.has(v)),
  })
  .strict();

/** The console's draft edit: any of the draft fields, each checked as the import checks its cell. */
export const draftPatch = z.object(draftFields).partial().strict();
export type DraftPatch = z.infer<typeof draftPatch>;
export const DRAFT_FIELDS = Object.keys(draftFields) as Array<keyof DraftPatch>;

export type IntakeRow = z.infer<typeof intakeRow>;

export type RowVerdict = { ok: true; row: IntakeRow } | { ok: false; reason: string };

/**
 * One data row: its cells by column name → the project fields, or the first reason it is refused.
 * `domains` are the campaign's domain ids; `seen` the ids earlier rows of the same file used.
 */
export function checkRow(cells: Record<string, string>, domains: ReadonlySet<string>, seen: Set<string>): RowVerdict {
  const parsed = intakeRow.safeParse(cells);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue.path.join('.') || 'row'}: ${issue.message}` };
  }
  const row = parsed.data;
  if (!domains.has(row.domain)) return { ok: false, reason: `domain: 未知领域 ${row.domain}` };
  if (seen.has(row.id)) return { ok: false, reason: `id: 文件内重复的项目编号 ${row.id}` };
  seen.add(row.id);
  return { ok: true, row };
}

/** Header cells → the column names the file uses (trimmed); unknown or missing columns refuse the file. */
export function checkHeader(header: string[]): string | null {
  const names = header.map((h) => h.trim());
  const missing = INTAKE_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) return `缺少列：${missing.join(', ')}`;
  const extra = names.filter((n) => n && !(INTAKE_COLUMNS as readonly string[]).includes(n));
  if (extra.length) return `未知列：${extra.join(', ')}`;
  return null;
}

/** The template's example row (the campaign's first domain goes in `domain`). */
export const intakeExample = (domain: string): string[] => [
  'x001',
  '乡村儿童阅读角',
  '某某区慈善会',
  'o-example',
  '某某区',
  domain,
  '5000000',
  '',
  '为乡村小学建设阅读角',
  '项目详细介绍……',
  '否',
];

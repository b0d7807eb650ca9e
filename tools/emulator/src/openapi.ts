/**
 * WeChat open APIs called through `cloud.openapi.<ns>.<api>` (wx-server-sdk callWXOpenAPI). The SDK sends
 * the arguments as snake_case JSON pairs; a JSON answer is `{errcode, errmsg, …}`, a binary one (a
 * mini-program code) is returned to the caller as `{contentType, buffer}`. One entry per API: add new
 * ones to `OPEN_APIS`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';

export type OpenApiAnswer = { json: Record<string, unknown> } | { buffer: Buffer; contentType: string };

export interface OpenApiCtx {
  now: () => number;
  /** The calling invocation's openid, if any. */
  openid?: string;
  messages: SentMessages;
}

type OpenApi = (req: Record<string, any>, ctx: OpenApiCtx) => OpenApiAnswer | Promise<OpenApiAnswer>;

const fail = (errcode: number, errmsg: string): OpenApiAnswer => ({ json: { errcode, errmsg } });

interface Word {
  word: string;
  label: number;
}
let words: Word[] | null = null;
function wordList(): Word[] {
  words ??= JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'data', 'sensitive-words.json'), 'utf8'))
    .words as Word[];
  return words;
}

/**
 * security.imgSecCheck: `media` must be a PNG or JPEG (else errcode 40006); it is risky (errcode 87014) when its
 * bytes carry a word of the sensitive list (e.g. in a PNG text chunk), so tests can make a flagged image.
 */
function imgSecCheck(req: Record<string, any>): Record<string, unknown> {
  const media = String(req.media ?? '');
  // The pair arrives as UTF-8 text: PNG's 0x89 and JPEG's FF D8 become U+FFFD.
  const isImage = media.slice(1, 4) === 'PNG' || media.startsWith('\ufffd\ufffd');
  if (!media || !isImage) return { errcode: 40006, errmsg: 'invalid media' };
  const lower = media.toLowerCase();
  const hit = wordList().find((w) => lower.includes(w.word.toLowerCase()));
  return hit ? { errcode: 87014, errmsg: 'risky content' } : { errcode: 0, errmsg: 'ok' };
}

/** security.msgSecCheck (API v2 answer shape; v1 answers errcode 87014 for risky content). */
export function msgSecCheck(req: Record<string, any>): Record<string, unknown> {
  const content = String(req.content ?? '').toLowerCase();
  const hit = wordList().find((w) => content.includes(w.word.toLowerCase()));
  const traceId = randomBytes(12).toString('hex');
  if (Number(req.version) !== 2)
    return hit ? { errcode: 87014, errmsg: 'risky content' } : { errcode: 0, errmsg: 'ok' };
  const suggest = hit ? 'risky' : 'pass';
  const label = hit ? hit.label : 100;
  return {
    errcode: 0,
    errmsg: 'ok',
    result: { suggest, label },
    detail: [
      {
        strategy: 'content_model',
        errcode: 0,
        suggest,
        label,
        prob: hit ? 90 : 0,
        ...(hit ? { keyword: hit.word } : {}),
      },
    ],
    trace_id: traceId,
  };
}

/** The characters WeChat accepts in a `scene` (getUnlimited docs), at most 32 of them. */
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

/**
 * wxacode.getUnlimited: a PNG. WeChat draws its round 小程序码; the emulator draws a QR code of
 * `wxacode://<appid>/<page>?scene=<scene>` (readable by any scanner), `width` pixels wide (280–1280).
 */
async function getUnlimited(req: Record<string, any>): Promise<OpenApiAnswer> {
  const scene = String(req.scene ?? '');
  if (!SCENE.test(scene)) return fail(40169, 'invalid length for scene, or the data is not json string');
  const page = req.page === undefined ? '' : String(req.page);
  if (page.startsWith('/') || page.length > 256) return fail(41030, 'invalid page rid');
  const width = Math.min(1280, Math.max(280, Number(req.width) || 430));
  const color = req.line_color && !req.auto_color ? req.line_color : { r: 0, g: 0, b: 0 };
  const hex = (n: unknown) =>
    Math.max(0, Math.min(255, Number(n) || 0))
      .toString(16)
      .padStart(2, '0');
  const dark = `#${hex(color.r)}${hex(color.g)}${hex(color.b)}ff`;
  const buffer = await QRCode.toBuffer(`wxacode://shanxing/${page}?scene=${encodeURIComponent(scene)}`, {
    type: 'png',
    width,
    margin: 2,
    errorCorrectionLevel: 'M',
    color: { dark, light: req.is_hyaline ? '#ffffff00' : '#ffffffff' },
  });
  return { buffer, contentType: 'image/png' };
}

export interface SentMessage {
  msgid: number;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState: string;
  sentAt: number;
  /** The openid of the invocation that sent it (the function's caller; none for a timer). */
  by?: string;
}

/** What subscribeMessage.send delivered, newest last; the oldest drop beyond `cap`. */
export class SentMessages {
  private list: SentMessage[] = [];
  private next = 1;
  constructor(private cap = 10_000) {}
  add(m: Omit<SentMessage, 'msgid'>): SentMessage {
    const full = { msgid: this.next++, ...m };
    this.list.push(full);
    if (this.list.length > this.cap) this.list.splice(0, this.list.length - this.cap);
    return full;
  }
  all(): SentMessage[] {
    return this.list.map((m) => ({ ...m }));
  }
  clear(): void {
    this.list = [];
  }
}

/** subscribeMessage.send: checks the shape WeChat checks, then records the message. */
function subscribeSend(req: Record<string, any>, ctx: OpenApiCtx): OpenApiAnswer {
  const touser = String(req.touser ?? '');
  const templateId = String(req.template_id ?? '');
  if (!touser) return fail(40003, 'invalid openid');
  if (!templateId) return fail(40037, 'invalid template_id');
  const data = req.data;
  const valid =
    data &&
    typeof data === 'object' &&
    !Array.isArray(data) &&
    Object.keys(data).length > 0 &&
    Object.values(data).every(
      (v: any) => v && typeof v === 'object' && typeof v.value === 'string' && v.value.length <= 20,
    );
  if (!valid) return fail(47003, 'argument invalid! data.value: each must be a string of at most 20 characters');
  const state = String(req.miniprogram_state ?? 'formal');
  if (!['developer', 'trial', 'formal'].includes(state)) return fail(47003, 'argument invalid! miniprogram_state');
  const m = ctx.messages.add({
    touser,
    templateId,
    page: req.page === undefined ? undefined : String(req.page),
    data,
    miniprogramState: state,
    sentAt: ctx.now(),
    by: ctx.openid,
  });
  return { json: { errcode: 0, errmsg: 'ok', msgid: m.msgid } };
}

export const OPEN_APIS: Record<string, OpenApi> = {
  'security.msgSecCheck': (req) => ({ json: msgSecCheck(req) }),
  'security.imgSecCheck': (req) => ({ json: imgSecCheck(req) }),
  'wxacode.getUnlimited': getUnlimited,
  'subscribeMessage.send': subscribeSend,
};

export async function callOpenApi(name: string, req: Record<string, any>, ctx: OpenApiCtx): Promise<OpenApiAnswer> {
  const api = OPEN_APIS[name];
  if (!api) return fail(-1, `emulator does not support openapi ${name}`);
  return api(req, ctx);
}

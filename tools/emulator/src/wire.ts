/**
 * Wire formats of wx.openApi / wx.wxPayApi calls: multipart/form-data requests (node-sdk
 * lib/wx/index.js callCompatibleWxOpenApi/callWxPayApi) and the protobuf messages of
 * wx-server-sdk src/protobuf/openapi.js (CommApiData in, CommOpenApiResp out). Just enough protobuf.
 */

/** Parse multipart/form-data into field → Buffer. */
/** `files` (if given) collects the names of parts sent as bytes (form-data gives them a Content-Type). */
export function parseMultipart(body: Buffer, contentType: string, files?: Set<string>): Record<string, Buffer> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) throw new Error('multipart boundary missing');
  const delim = Buffer.from(`--${m[1] ?? m[2]}`);
  const out: Record<string, Buffer> = {};
  let pos = body.indexOf(delim);
  while (pos !== -1) {
    const start = pos + delim.length;
    if (body.slice(start, start + 2).toString() === '--') break;
    const headEnd = body.indexOf('\r\n\r\n', start);
    if (headEnd === -1) break;
    const head = body.slice(start, headEnd).toString();
    const next = body.indexOf(delim, headEnd + 4);
    if (next === -1) break;
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (name !== undefined) out[name] = body.slice(headEnd + 4, next - 2); // drop the CRLF before the delimiter
    if (name !== undefined && /^content-type:/im.test(head)) files?.add(name);
    pos = next;
  }
  return out;
}

type Field = { no: number; wire: number; value: number | Buffer };

function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [result, pos];
    shift += 7;
  }
}

export function decodeFields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p1] = readVarint(buf, pos);
    const no = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) {
      const [v, p2] = readVarint(buf, p1);
      out.push({ no, wire, value: v });
      pos = p2;
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, p1);
      out.push({ no, wire, value: buf.slice(p2, p2 + len) });
      pos = p2 + len;
    } else if (wire === 5) {
      pos = p1 + 4;
    } else if (wire === 1) {
      pos = p1 + 8;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  let v = n;
  while (v >= 0x80) {
    bytes.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  bytes.push(v);
  return Buffer.from(bytes);
}

export function encodeFields(fields: Array<[number, number | string | Buffer | undefined]>): Buffer {
  const parts: Buffer[] = [];
  for (const [no, v] of fields) {
    if (v === undefined) continue;
    if (typeof v === 'number') parts.push(varint(no * 8), varint(v));
    else {
      const b = typeof v === 'string' ? Buffer.from(v) : v;
      parts.push(varint(no * 8 + 2), varint(b.length), b);
    }
  }
  return Buffer.concat(parts);
}

const bytesOf = (fs: Field[], no: number) =>
  fs.filter((f) => f.no === no && Buffer.isBuffer(f.value)).map((f) => f.value as Buffer);

/**
 * CommApiData: apiType(1), openapiData(2){pairs(1){key(1),value(2)}},
 * svrkitData(4){apiName(1),reqData(2)}, appid(6).
 */
export function decodeCommApiData(buf: Buffer) {
  const fs = decodeFields(buf);
  const apiType = (fs.find((f) => f.no === 1)?.value as number) ?? 0;
  const pairs: Record<string, unknown> = {};
  for (const od of bytesOf(fs, 2)) {
    for (const pair of bytesOf(decodeFields(od), 1)) {
      const pf = decodeFields(pair);
      const key = bytesOf(pf, 1)[0]?.toString() ?? '';
      const raw = bytesOf(pf, 2)[0]?.toString() ?? '';
      try {
        pairs[key] = JSON.parse(raw);
      } catch {
        pairs[key] = raw;
      }
    }
  }
  const sv = bytesOf(fs, 4)[0];
  const svf = sv ? decodeFields(sv) : [];
  return {
    apiType,
    pairs,
    svrkit: sv
      ? { apiName: bytesOf(svf, 1)[0]?.toString() ?? '', reqData: bytesOf(svf, 2)[0] ?? Buffer.alloc(0) }
      : undefined,
    appid: bytesOf(fs, 6)[0]?.toString(),
  };
}

/** CommOpenApiResp: respData(1), contentType(2), errorCode(3). */
export const encodeCommOpenApiResp = (respData: Buffer, contentType = 'application/json') =>
  encodeFields([
    [1, respData],
    [2, contentType],
  ]);

/** ApiGetOpenDataByCloudIdReq: cloudidList(2). */
export const decodeCloudIdList = (buf: Buffer): string[] => bytesOf(decodeFields(buf), 2).map((b) => b.toString());

/** ApiGetOpenDataByCloudIdResp: dataList(1){cloudId(1), json(2)}. */
export const encodeOpenDataResp = (items: { cloudId: string; json: string }[]) =>
  Buffer.concat(
    items.map((it) =>
      encodeFields([
        [
          1,
          encodeFields([
            [1, it.cloudId],
            [2, it.json],
          ]),
        ],
      ]),
    ),
  );

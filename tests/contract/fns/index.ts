/**
 * Tiny cloud functions for the contract tests. Each uses the real, unmodified wx-server-sdk exactly
 * as production functions do; the emulator must answer it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FunctionSource } from '../../../tools/emulator/src';

const cloud: any = require('wx-server-sdk');
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
const db = () => cloud.database({ throwOnNotFound: false });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Run fn and return its value, or the SDK error as data so the test can assert on it. */
async function attempt(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return await fn();
  } catch (e: any) {
    return { caught: { errCode: e?.errCode, message: String(e?.message ?? e) } };
  }
}

type Main = (event: any, context: any) => unknown;

const fns: Record<string, Main> = {
  // Identity as the function sees it, after a random pause so concurrent calls interleave.
  async whoami(event) {
    await sleep(Math.random() * 20);
    return { ctx: cloud.getWXContext(), event, clock: process.env.SHANXING_CLOCK ?? null };
  },

  // Run one named database scenario step; `event.c` is the collection.
  async dbop(event) {
    const d = db();
    const _ = d.command;
    const c = d.collection(event.c);
    const ops: Record<string, () => Promise<unknown>> = {
      add: () => c.add({ data: event.data }),
      addMany: () => c.add({ data: event.data }),
      get: () => c.doc(event.id).get(),
      getStrict: () => cloud.database().collection(event.c).doc(event.id).get(),
      query: () => {
        let q = c.where(event.where ? reviveQuery(event.where, _) : {});
        if (event.orderBy) for (const [f, dir] of event.orderBy) q = q.orderBy(f, dir);
        if (event.skip) q = q.skip(event.skip);
        if (event.limit) q = q.limit(event.limit);
        if (event.field) q = q.field(event.field);
        return q.get();
      },
      // Top-level logic: _.or / _.and / _.nor over field conditions; field-level and via chaining.
      logic: () => {
        const conds = [{ n: _.eq(9) }, { s: db().RegExp({ regexp: '^app', options: 'i' }) }];
        const where = event.kind === 'chain' ? { n: _.gt(1).and(_.lt(6)) } : _[event.kind](conds);
        return c.where(where).orderBy('_id', 'asc').get();
      },
      count: () => c.where(event.where ? reviveQuery(event.where, _) : {}).count(),
      update: () => c.doc(event.id).update({ data: reviveUpdate(event.data, _, d) }),
      set: () => c.doc(event.id).set({ data: event.data }),
      remove: () => c.doc(event.id).remove(),
      whereUpdate: () => c.where(reviveQuery(event.where, _)).update({ data: reviveUpdate(event.data, _, d) }),
      whereRemove: () => c.where(reviveQuery(event.where, _)).remove(),
      aggregate: () => {
        const $ = _.aggregate;
        return c
          .aggregate()
          .match({ kind: 'g' })
          .unwind('$tags')
          .group({ _id: '$tags', total: $.sum('$n'), cnt: $.sum(1) })
          .sort({ total: -1, _id: 1 })
          .skip(event.skip ?? 0)
          .limit(10)
          .project({ total: 1, cnt: 1 })
          .end();
      },
      aggCount: () => c.aggregate().match({ kind: 'g' }).count('howMany').end(),
      serverDate: async () => {
        await c.doc(event.id).set({ data: { at: d.serverDate(), later: d.serverDate({ offset: 60_000 }) } });
        return c.doc(event.id).get();
      },
      createCollection: () => d.createCollection(event.c),
    };
    return attempt(ops[event.op]);
  },

  // The guarded decrement: check and write in one step.
  async decr(event) {
    const _ = db().command;
    const r = await db()
      .collection(event.c)
      .where({ _id: event.id, n: _.gte(event.k) })
      .update({ data: { n: _.inc(-event.k) } });
    return { updated: r.stats.updated };
  },

  // Read-modify-write in a transaction (no command operators: the read value matters).
  async txinc(event) {
    return attempt(() =>
      db().runTransaction(async (tx: any) => {
        const ref = tx.collection(event.c).doc(event.id);
        const cur = await ref.get();
        const n = cur.data ? cur.data.n : 0;
        if (cur.data) await ref.update({ data: { n: n + 1 } });
        else await ref.set({ data: { n: 1 } });
        await tx.collection(event.c).add({ data: { _id: `${event.id}-log-${n}`, n } });
        return n;
      }, 10),
    );
  },

  // Lock two docs in the given order with a pause between: opposite orders deadlock.
  async txswap(event) {
    return attempt(() =>
      db().runTransaction(async (tx: any) => {
        const [a, b] = event.ids.map((id: string) => tx.collection(event.c).doc(id));
        const first = await a.get();
        await sleep(30);
        const second = await b.get();
        await a.update({ data: { n: first.data.n + 1 } });
        await b.update({ data: { n: second.data.n + 1 } });
        return 'ok';
      }, 5),
    );
  },

  // Writes inside a transaction, then fails: nothing may persist.
  async txfail(event) {
    return attempt(() =>
      db().runTransaction(async (tx: any) => {
        await tx
          .collection(event.c)
          .doc(event.id)
          .update({ data: { n: 999 } });
        await tx.collection(event.c).add({ data: { _id: `${event.id}-new`, n: 1 } });
        throw new Error('callback failed');
      }),
    );
  },

  async caller(event) {
    return attempt(() => cloud.callFunction({ name: event.target ?? 'whoami', data: { from: 'caller', x: event.x } }));
  },

  async seccheck(event) {
    return attempt(() =>
      cloud.openapi.security.msgSecCheck({
        version: 2,
        openid: cloud.getWXContext().OPENID,
        scene: 2,
        content: event.content,
      }),
    );
  },

  async order(event) {
    return attempt(() =>
      cloud.cloudPay.unifiedOrder({
        body: '善行-捐款',
        outTradeNo: event.outTradeNo,
        spbillCreateIp: '127.0.0.1',
        subMchId: '1900000109',
        totalFee: event.totalFee,
        envId: cloud.getWXContext().ENV,
        functionName: 'paycb',
        nonceStr: 'n0nce',
        tradeType: 'JSAPI',
      }),
    );
  },

  // Payment callback: logs every delivery; answers errcode 0 only after `failTimes` failures.
  async paycb(event) {
    const d = db();
    const ctx = cloud.getWXContext();
    await d.collection('paylog').add({ data: { outTradeNo: event.outTradeNo, source: ctx.SOURCE, event } });
    const cfg = await d.collection('paycfg').doc(event.outTradeNo).get();
    const { total } = await d.collection('paylog').where({ outTradeNo: event.outTradeNo }).count();
    if (cfg.data && total <= cfg.data.failTimes) return { errcode: 1, errmsg: 'not yet' };
    return { errcode: 0, errmsg: '' };
  },

  async werun(event) {
    return { weRunData: event.weRunData, openid: cloud.getWXContext().OPENID };
  },

  // Cloud storage through the SDK: upload (bytes as base64, or `stream` from a temp file), tempUrl, download, remove.
  async storage(event) {
    const ops: Record<string, () => Promise<unknown>> = {
      upload: async () => {
        const bytes = Buffer.from(event.base64 ?? '', 'base64');
        let fileContent: unknown = bytes;
        if (event.stream) {
          const file = path.join(os.tmpdir(), `sx-upload-${process.pid}-${Math.random().toString(36).slice(2)}`);
          fs.writeFileSync(file, bytes);
          fileContent = fs.createReadStream(file);
        }
        return cloud.uploadFile({ cloudPath: event.cloudPath, fileContent });
      },
      tempUrl: () => cloud.getTempFileURL({ fileList: event.fileList }),
      download: async () => {
        const r = await cloud.downloadFile({ fileID: event.fileID });
        return { statusCode: r.statusCode, base64: Buffer.from(r.fileContent).toString('base64') };
      },
      remove: () => cloud.deleteFile({ fileList: event.fileList }),
    };
    return attempt(ops[event.op]);
  },

  async bridge(event) {
    if (event.mode === 'throw') throw new Error('boom');
    if (event.mode === 'error') return { error: { code: 'NOPE', message: 'not allowed' } };
    return { openid: cloud.getWXContext().OPENID, source: cloud.getWXContext().SOURCE, data: event };
  },
};

/** JSON can't carry commands: tests describe them as ["$cmd", ...args] and we rebuild them here. */
function reviveQuery(q: any, _: any): any {
  const out: any = {};
  for (const [k, v] of Object.entries(q)) {
    if (Array.isArray(v) && typeof v[0] === 'string' && v[0].startsWith('$')) {
      const [cmd, ...args] = v as [string, ...any[]];
      const isObj = (a: any) => a && typeof a === 'object' && !Array.isArray(a);
      const revive = (a: any) =>
        isObj(a) ? reviveQuery(a, _) : Array.isArray(a) ? a.map((x) => (isObj(x) ? reviveQuery(x, _) : x)) : a;
      if (cmd === '$regexp') out[k] = db().RegExp({ regexp: args[0], options: args[1] });
      else if (cmd === '$not') out[k] = _.not(_[args[0]](args[1]));
      else out[k] = _[cmd.slice(1)](...args.map(revive));
    } else out[k] = v;
  }
  return out;
}

function reviveUpdate(u: any, _: any, d: any): any {
  const out: any = {};
  for (const [k, v] of Object.entries(u)) {
    if (Array.isArray(v) && typeof v[0] === 'string' && v[0].startsWith('$')) {
      const [cmd, ...args] = v as [string, ...any[]];
      out[k] = cmd === '$serverDate' ? d.serverDate() : _[cmd.slice(1)](...args);
    } else out[k] = v;
  }
  return out;
}

export const fixtureNames = Object.keys(fns);
export const fixtureFunctions: FunctionSource = {
  names: fixtureNames,
  load: (name: string) => ({ main: fns[name] }),
};

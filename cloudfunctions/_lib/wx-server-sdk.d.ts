// wx-server-sdk 3.x ships no typings; this declares only the surface our functions use.
declare module 'wx-server-sdk' {
  type Doc = Record<string, any>;
  interface Query {
    where(q: Doc): Query;
    orderBy(field: string, order: 'asc' | 'desc'): Query;
    limit(n: number): Query;
    skip(n: number): Query;
    field(f: Record<string, boolean | 0 | 1>): Query;
    get(): Promise<{ data: Doc[] }>;
    count(): Promise<{ total: number }>;
    update(opts: { data: Doc }): Promise<{ stats: { updated: number } }>;
    remove(): Promise<{ stats: { removed: number } }>;
  }
  interface DocRef {
    get(): Promise<{ data: Doc | null }>;
    set(opts: { data: Doc }): Promise<unknown>;
    update(opts: { data: Doc }): Promise<{ stats: { updated: number } }>;
    remove(): Promise<{ stats: { removed: number } }>;
  }
  interface Collection extends Query {
    doc(id: string): DocRef;
    add(opts: { data: Doc | Doc[] }): Promise<{ _id: string; ids?: string[] }>;
    aggregate(): Aggregate;
  }
  interface Aggregate {
    match(q: Doc): Aggregate;
    group(g: Doc): Aggregate;
    project(p: Doc): Aggregate;
    sort(s: Doc): Aggregate;
    limit(n: number): Aggregate;
    skip(n: number): Aggregate;
    unwind(f: string | Doc): Aggregate;
    count(field: string): Aggregate;
    end(): Promise<{ list: Doc[] }>;
  }
  interface TxCollection {
    doc(id: string): {
      get(): Promise<{ data: Doc | null }>;
      set(o: { data: Doc }): Promise<unknown>;
      update(o: { data: Doc }): Promise<unknown>;
      delete(): Promise<unknown>;
      remove(): Promise<unknown>;
    };
    add(o: { data: Doc }): Promise<{ _id: string }>;
  }
  interface Transaction {
    collection(name: string): TxCollection;
    rollback(reason?: unknown): Promise<unknown>;
  }
  interface Database {
    collection(name: string): Collection;
    command: any;
    serverDate(opts?: { offset?: number }): unknown;
    runTransaction<T>(fn: (tx: Transaction) => Promise<T>, times?: number): Promise<T>;
    startTransaction(): Promise<Transaction & { commit(): Promise<unknown> }>;
    createCollection(name: string): Promise<unknown>;
    RegExp(opts: { regexp: string; options?: string }): unknown;
  }
  interface WXContext {
    OPENID?: string;
    APPID?: string;
    UNIONID?: string;
    ENV?: string;
    SOURCE?: string;
    CLIENTIP?: string;
  }
  const cloud: {
    DYNAMIC_CURRENT_ENV: symbol;
    init(opts?: { env?: unknown; throwOnNotFound?: boolean }): void;
    database(opts?: { throwOnNotFound?: boolean }): Database;
    getWXContext(): WXContext;
    callFunction(opts: { name: string; data?: Doc }): Promise<{ result: any }>;
    /** Open data (e.g. WeRun) for cloudIDs; each item is `{cloudID, data}` or `{cloudID, errCode, errMsg}`. */
    getOpenData(opts: { list: string[] }): Promise<{ list: Doc[]; errCode: number; errMsg: string }>;
    openapi: {
      security: { msgSecCheck(o: Doc): Promise<any>; imgSecCheck(o: Doc): Promise<any> };
      /** A binary answer: `{ contentType, buffer }`. */
      wxacode: { getUnlimited(o: Doc): Promise<{ contentType: string; buffer: Buffer; errCode: number }> };
      subscribeMessage: { send(o: Doc): Promise<{ errCode: number; errMsg: string; msgid?: number }> };
    };
    uploadFile(o: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
    getTempFileURL(o: { fileList: Array<string | { fileID: string; maxAge?: number }> }): Promise<{
      fileList: Array<{ fileID: string; tempFileURL: string; status: number; errMsg?: string }>;
    }>;
    downloadFile(o: { fileID: string }): Promise<{ fileContent: Buffer }>;
    cloudPay: {
      unifiedOrder(o: Doc): Promise<any>;
      closeOrder?(o: Doc): Promise<any>;
      queryOrder?(o: Doc): Promise<any>;
      refund?(o: Doc): Promise<any>;
      queryRefund?(o: Doc): Promise<any>;
    };
  };
  export = cloud;
}

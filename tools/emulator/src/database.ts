/**
 * Dispatch of `database.*` actions (see db.ts for the document handlers), transactions included
 * (@cloudbase/database src/transaction/index.ts; semantics in tx.ts). Commit and abort of a
 * transaction that is not open answer DATABASE_TRANSACTION_FAIL (TransactionNotExist).
 */
import { DbError } from './query';
import { Store } from './store';
import {
  aggregateDocuments,
  calculateDocument,
  getDocument,
  insertDocument,
  modifyAndReturnDoc,
  modifyDocument,
  removeDocument,
  type DbContext,
  type Params,
} from './db';

// index.ts createCollection().
async function addCollection(ctx: DbContext, p: Params) {
  if (!Store.validName(p.collectionName))
    throw new DbError('INVALID_PARAM', `invalid collectionName: ${p.collectionName}`);
  if (ctx.store.exists(p.collectionName))
    throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${p.collectionName} already exists`);
  await ctx.store.collection(p.collectionName);
  return {};
}

export const READ_ACTIONS = new Set([
  'database.getDocument',
  'database.queryDocument',
  'database.calculateDocument',
  'database.countDocument',
  'database.aggregateDocuments',
  'database.aggregate',
]);
export const WRITE_ACTIONS = new Set([
  'database.insertDocument',
  'database.modifyDocument',
  'database.updateDocument',
  'database.removeDocument',
  'database.deleteDocument',
  'database.modifyAndReturnDoc',
]);

const handlers: Record<string, (ctx: DbContext, p: Params) => Promise<Record<string, unknown>>> = {
  'database.insertDocument': insertDocument,
  'database.getDocument': getDocument,
  'database.calculateDocument': calculateDocument,
  'database.modifyDocument': modifyDocument,
  'database.modifyAndReturnDoc': modifyAndReturnDoc,
  'database.removeDocument': removeDocument,
  'database.aggregateDocuments': aggregateDocuments,
  'database.addCollection': addCollection,
  // Names used by older SDKs / docs for the same requests.
  'database.queryDocument': getDocument,
  'database.countDocument': calculateDocument,
  'database.updateDocument': modifyDocument,
  'database.deleteDocument': removeDocument,
  'database.aggregate': aggregateDocuments,
  'database.createCollection': addCollection,
};

/** Dispatch one database action; returns the response body (minus requestId). */
export async function handleDatabase(ctx: DbContext, action: string, p: Params): Promise<Record<string, unknown>> {
  // transaction/index.ts: init() reads res.transactionId; commit()/rollback() throw res when res.code.
  if (action === 'database.startTransaction') return { transactionId: ctx.txm.begin(ctx.token).id };
  if (action === 'database.commitTransaction') {
    await ctx.txm.commit(ctx.txm.get(p.transactionId));
    return {};
  }
  if (action === 'database.abortTransaction') {
    ctx.txm.abort(ctx.txm.get(p.transactionId));
    return {};
  }
  const h = handlers[action];
  if (!h) throw new DbError('INVALID_PARAM', `emulator does not support ${action}`);
  const tx = p.transactionId ? ctx.txm.get(p.transactionId) : undefined;
  try {
    return { data: await h(ctx, p) };
  } catch (e) {
    if (tx && e instanceof DbError && e.code === 'DATABASE_REQUEST_FAILED') ctx.txm.serverAbort(tx, 'error');
    throw e;
  }
}

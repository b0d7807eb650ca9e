/** Entries for staff (`anomalies`): one per cause and order (deterministic `_id`), so retries add nothing. */
import { insertOnce } from './cloud';
import { C, type AnomalyDoc } from './collections';

export async function flagAnomaly(a: Omit<AnomalyDoc, '_id'>): Promise<void> {
  await insertOnce<AnomalyDoc>(C.anomalies, { _id: `${a.kind}_${a.orderId}`, ...a });
}

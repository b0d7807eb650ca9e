/**
 * The console's campaign editor: a campaign document validated whole (domain/campaignSchema.ts), written with its
 * audit entry in one transaction. Money rules are locked from the session's first day unless the call gives an
 * override reason, which the audit entry records.
 */
import type { ZodError } from 'zod';
import { changedMoneyRules, MONEY_RULES, sessionStarted } from '../../domain/campaignLock';
import { parseCampaign } from '../../domain/campaignSchema';
import { DomainError, ErrorCode } from '../../domain/errors';
import type { CampaignSettings } from '../../domain/settings';
import { audit, type Auditor } from './audit';
import { db } from './cloud';
import { C } from './collections';

function parse(input: unknown): CampaignSettings {
  try {
    return parseCampaign(input);
  } catch (err) {
    const issue = (err as ZodError).issues?.[0];
    throw new DomainError(ErrorCode.INVALID_INPUT, `campaign.${issue?.path.join('.') ?? ''}: ${issue?.message ?? err}`);
  }
}

export async function saveCampaign(
  actor: Auditor,
  input: { campaign: Record<string, unknown>; overrideReason?: string },
  nowMs: number,
): Promise<{ campaign: CampaignSettings; overridden: string[] }> {
  const next = parse(input.campaign);
  return db().runTransaction(async (tx) => {
    const ref = tx.collection(C.campaigns).doc(next.id);
    const stored = (await ref.get()).data as (Omit<CampaignSettings, 'id'> & { _id?: string }) | null;
    const prev = stored ? ({ ...stored, id: next.id } as CampaignSettings) : null;
    if (prev) delete (prev as { _id?: string })._id;
    const changed = changedMoneyRules(prev, next);
    const locked = prev !== null && sessionStarted(prev, nowMs) && changed.length > 0;
    if (locked && !input.overrideReason)
      throw new DomainError(ErrorCode.INVALID_STATE, `活动已开始，资金规则已锁定：${changed.join(', ')}`);
    const { id, ...data } = next;
    await ref.set({ data });
    const action = locked ? 'saveCampaign:override' : 'saveCampaign';
    const after = locked ? { ...data, overrideReason: input.overrideReason, overridden: changed } : data;
    await audit(tx, actor, action, `campaign:${id}`, prev, after, nowMs);
    return { campaign: next, overridden: locked ? changed : [] };
  });
}

/** The whole campaign document as the editor needs it (not cached: staff see what they saved). */
export async function getCampaign(campaignId: string, nowMs: number) {
  const { data } = await db().collection(C.campaigns).doc(campaignId).get();
  if (!data) throw new DomainError(ErrorCode.NOT_FOUND, `no campaign ${campaignId}`);
  const { _id, ...rest } = data as Record<string, unknown>;
  const campaign = { ...rest, id: campaignId } as unknown as CampaignSettings;
  return { campaign, started: sessionStarted(campaign, nowMs), moneyRules: [...MONEY_RULES] };
}

/**
 * Input schemas of every cloud function action (zod). Objects are strict: an unknown key —
 * e.g. a client trying to send its own openid or amount — is an INVALID_INPUT, never ignored.
 */
import { z } from 'zod';
import { ORDER_ID_PATTERN } from './ids';
import { ANOMALY_KINDS } from './api/states';
import { draftPatch } from './intake';

const fen = z.number().int().refine(Number.isSafeInteger, 'not a safe integer');
const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[0-9A-Za-z_-]+$/);
/** A campaign id (`campaigns/<id>`); where an action takes one, it defaults to the default campaign. */
const campaignId = id.max(40);
/** Journal entry ids derive from business keys (`assist_<inviter×project×friend×day>`…), so they run longer. */
const entryId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[0-9A-Za-z_.:-]+$/);
/**
 * WeRun data arrives decrypted by CloudBase ({cloudID, data} or {cloudID, errCode}); never a number.
 * Strict at every level, like every other input: an unknown key anywhere is refused, not carried along.
 */
const weRunData = z
  .object({
    cloudID: z.string(),
    data: z
      .object({
        stepInfoList: z.array(z.object({ timestamp: z.number(), step: z.number().int().nonnegative() }).strict()),
        watermark: z.object({ appid: z.string(), timestamp: z.number() }).partial().strict().optional(),
      })
      .strict()
      .optional(),
    errCode: z.number().optional(),
    errMsg: z.string().optional(),
  })
  .strict();
/** A page cursor over orders (`donate.mine`, `projects.donors`): "<time ms>.<orderId>" of the last item shown. */
const pageCursor = z
  .string()
  .max(48)
  .regex(new RegExp(`^\\d{1,16}\\.${ORDER_ID_PATTERN.source.slice(1, -1)}$`));

export const campaignInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('get'), campaignId: campaignId.optional() }).strict(),
  z.object({ action: z.literal('list') }).strict(),
]);

export const projectsInput = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('list'),
      campaignId: campaignId.optional(),
      // The campaign's domain ids (checked against its settings in projects.list).
      domain: z.string().min(1).max(20).optional(),
      q: z.string().max(40).optional(),
      sort: z.enum(['hot', 'progress', 'new']).optional(),
      cursor: z.string().max(20).regex(/^\d+$/).optional(),
      limit: z.number().int().min(1).max(50).optional(),
    })
    .strict(),
  z.object({ action: z.literal('get'), campaignId: campaignId.optional(), id }).strict(),
  // The donor list, a page at a time: cursor = "<paidAt ms>.<orderId>" of the previous page's last row.
  z
    .object({
      action: z.literal('donors'),
      id,
      cursor: pageCursor.optional(),
    })
    .strict(),
  // The books: a project's journal entries (cursor = the last entry id of the previous page) and one entry's proof.
  z.object({ action: z.literal('entries'), projectId: id, cursor: entryId.optional() }).strict(),
  z.object({ action: z.literal('entryProof'), projectId: id, entryId }).strict(),
]);

export const donateInput = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('create'),
      // The project's campaign decides; a campaignId that disagrees is CAMPAIGN_MISMATCH.
      campaignId: campaignId.optional(),
      projectId: id,
      amountFen: fen,
      message: z.string().max(100).optional(),
      anonymous: z.boolean().optional(),
      shareId: id.optional(),
      couponId: id.optional(),
      /** 一起捐: the team donated through (open, and on the same project). */
      teamId: id.max(40).optional(),
      /** The client's id for this donation attempt: a repeat (double tap, retry) returns the same order. */
      requestId: z
        .string()
        .min(8)
        .max(64)
        .regex(/^[0-9A-Za-z_-]+$/)
        .optional(),
    })
    .strict(),
  z.object({ action: z.literal('status'), orderId: id }).strict(),
  // 继续支付: the payment parameters of my pending order again (same WeChat Pay order).
  z.object({ action: z.literal('resume'), orderId: id }).strict(),
  // 删除: hide my closed (unpaid) order from 我的.
  z.object({ action: z.literal('remove'), orderId: id }).strict(),
  z.object({ action: z.literal('proof'), orderId: id }).strict(),
  z.object({ action: z.literal('cancel'), orderId: id }).strict(),
  z
    .object({
      action: z.literal('mine'),
      campaignId: campaignId.optional(),
      cursor: pageCursor.optional(),
      limit: z.number().int().min(1).max(50).optional(),
    })
    .strict(),
]);

/** What WeChat Pay (via CloudPay) sends the callback function; extra fields tolerated. */
export const payCallbackInput = z
  .object({
    returnCode: z.string(),
    resultCode: z.string().optional(),
    outTradeNo: z.string().min(6).max(32),
    transactionId: z.string().optional(),
    subOpenid: z.string().optional(),
    totalFee: z.number().int(),
    cashFee: z.number().int().optional(),
    timeEnd: z
      .string()
      .regex(/^\d{14}$/)
      .optional(),
  })
  .passthrough();

/**
 * CloudPay's refund result notification (WeChat's decrypted req_info, camel-cased); extra fields tolerated.
 * refundStatus: SUCCESS, CHANGE (退款异常) or REFUNDCLOSE (退款关闭).
 */
export const refundCallbackInput = z
  .object({
    returnCode: z.string(),
    outTradeNo: z.string().min(6).max(32),
    outRefundNo: z.string().min(6).max(64),
    refundStatus: z.string(),
    refundFee: z.number().int(),
    totalFee: z.number().int().optional(),
    refundId: z.string().optional(),
    successTime: z.string().optional(),
  })
  .passthrough();

/** Console actions (docs/api.md, domain/roles.ts for who may call each). */
const fileID = z.string().min(1).max(512);
const reason = z.string().trim().min(1).max(200);
const consoleActions = [
  z.object({ action: z.literal('refundStatus'), orderId: id }).strict(),
  z
    .object({
      action: z.literal('inviteOperator'),
      role: z.enum(['admin', 'finance', 'reviewer', 'org']),
      orgId: id.optional(),
      name: z.string().trim().min(1).max(40).optional(),
    })
    .strict(),
  z.object({ action: z.literal('redeemInvite'), code: z.string().min(4).max(40) }).strict(),
  z.object({ action: z.literal('listOperators') }).strict(),
  z.object({ action: z.literal('revokeOperator'), operator: z.string().min(1).max(64) }).strict(),
  z.object({ action: z.literal('whoami') }).strict(),
  z.object({ action: z.literal('getCampaign'), campaignId }).strict(),
  z
    .object({
      action: z.literal('saveCampaign'),
      // Validated whole by domain/campaignSchema.ts in the action (its errors name the field).
      campaign: z.record(z.string(), z.unknown()),
      overrideReason: reason.optional(),
    })
    .strict(),
  z
    .object({
      action: z.literal('auditLog'),
      limit: z.number().int().min(1).max(100),
      cursor: z
        .string()
        .max(64)
        .regex(/^[0-9a-z_]+$/)
        .optional(),
    })
    .strict(),
  z.object({ action: z.literal('importProjects'), campaignId, fileID }).strict(),
  z.object({ action: z.literal('intakeTemplate'), format: z.enum(['xlsx', 'csv']) }).strict(),
  z
    .object({
      action: z.literal('listProjects'),
      campaignId,
      status: z.enum(['pending', 'returned', 'fundraising', 'paused', 'closed']).optional(),
      cursor: z.string().max(20).regex(/^\d+$/).optional(),
      limit: z.number().int().min(1).max(100).optional(),
    })
    .strict(),
  z
    .object({
      action: z.literal('reviewProject'),
      projectId: id,
      decision: z.enum(['approve', 'return', 'pause', 'close']),
      reason: reason.optional(),
    })
    .strict(),
  z.object({ action: z.literal('getDraft'), projectId: id }).strict(),
  z
    .object({
      action: z.literal('editProject'),
      projectId: id,
      // The same field rules as the import's (domain/intake.ts); the campaign's domains are checked in the action.
      patch: draftPatch,
    })
    .strict(),
  z
    .object({
      action: z.literal('postUpdate'),
      projectId: id,
      text: z.string().trim().min(1).max(500),
      photoFileIDs: z.array(fileID).max(9),
    })
    .strict(),
  z.object({ action: z.literal('dashboard'), campaignId }).strict(),
  z
    .object({
      action: z.literal('anomalies'),
      kind: z.enum(ANOMALY_KINDS).optional(),
      cursor: z
        .string()
        .max(200)
        .regex(/^\d{1,15}_[A-Za-z0-9_-]+$/)
        .optional(),
      limit: z.number().int().min(1).max(100).optional(),
    })
    .strict(),
  z
    .object({
      action: z.literal('exportSettlement'),
      campaignId,
      format: z.enum(['xlsx', 'csv']),
      day: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
    })
    .strict(),
  z.object({ action: z.literal('exportLedger'), campaignId, format: z.enum(['xlsx', 'csv']) }).strict(),
  z.object({ action: z.literal('exportReconcile'), format: z.enum(['xlsx', 'csv']) }).strict(),
] as const;

export const adminInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('refund'), orderId: id, reason: z.string().max(100).optional() }).strict(),
  z.object({ action: z.literal('closeExpired') }).strict(),
  z.object({ action: z.literal('settleTopups') }).strict(),
  z.object({ action: z.literal('reconcile') }).strict(),
  z.object({ action: z.literal('seal'), budgetMs: z.number().int().min(1000).max(50_000).optional() }).strict(),
  z.object({ action: z.literal('exportRoots'), format: z.enum(['json', 'csv']).optional() }).strict(),
  ...consoleActions,
]);

export const assistInput = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('share'),
      campaignId: campaignId.optional(),
      projectId: id,
      showProfile: z.boolean().optional(),
      nickname: z.string().max(20).optional(),
    })
    .strict(),
  z.object({ action: z.literal('open'), shareId: id }).strict(),
  z.object({ action: z.literal('flower'), shareId: id }).strict(),
  z.object({ action: z.literal('progress'), campaignId: campaignId.optional() }).strict(),
]);

export const quizInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start'), campaignId: campaignId.optional() }).strict(),
  z
    .object({
      action: z.literal('submit'),
      campaignId: campaignId.optional(),
      attemptId: id,
      answers: z.array(z.number().int().min(0).max(9)).max(20),
      shareId: id.optional(),
    })
    .strict(),
]);

export const flowersInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('balance'), campaignId: campaignId.optional() }).strict(),
  z.object({ action: z.literal('give'), campaignId: campaignId.optional(), projectId: id }).strict(),
]);

export const stepsInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('today'), campaignId: campaignId.optional(), weRunData }).strict(),
  z
    .object({ action: z.literal('donate'), campaignId: campaignId.optional(), weRunData, projectId: id.optional() })
    .strict(),
  z.object({ action: z.literal('history'), campaignId: campaignId.optional() }).strict(),
  z.object({ action: z.literal('sponsors'), campaignId: campaignId.optional() }).strict(),
]);

export const remindInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('subscribe'), campaignId: id.max(40).optional() }).strict(),
]);

export const shareInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('poster'), orderId: id.max(40) }).strict(),
]);

export const couponsInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('list'), projectId: id.optional() }).strict(),
  z.object({ action: z.literal('claim'), batchId: id }).strict(),
]);

/** A profile image's cloud storage file id: `cloud://<env>.<bucket>/<path>`, ASCII path (the app names it). */
const profileFileID = z
  .string()
  .max(256)
  .regex(/^cloud:\/\/[0-9A-Za-z._-]+\/[0-9A-Za-z._/-]+$/);

export const usersInput = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('setProfile'),
      /** 头像昵称填写's nickname: 1–20 characters after trimming; checked by msgSecCheck. */
      nickname: z.string().max(40).optional(),
      /**
       * The avatar uploaded to cloud storage; checked by imgSecCheck. Only under `avatars/` (where the app uploads
       * them): a profile cannot point at a project photo, an update's photo or a staff export.
       */
      avatarFileID: profileFileID.regex(/^cloud:\/\/[^/]+\/avatars\//).optional(),
    })
    .strict(),
  z.object({ action: z.literal('me') }).strict(),
  /** My charity footprint across every campaign of the environment. */
  z.object({ action: z.literal('footprint') }).strict(),
  /** Show me on the inviters leaderboard (opt-in; off by default). */
  z.object({ action: z.literal('setBoardOptIn'), boardOptIn: z.boolean() }).strict(),
]);

export const teamsInput = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('create'),
      projectId: id,
      name: z.string().max(40),
      goalFen: fen,
      line: z.string().max(120).optional(),
    })
    .strict(),
  z.object({ action: z.literal('get'), teamId: id.max(40), cursor: pageCursor.optional() }).strict(),
  z.object({ action: z.literal('close'), teamId: id.max(40) }).strict(),
  /** The teams I lead (newest first, at most TEAMS_PER_CREATOR open ones plus closed ones). */
  z.object({ action: z.literal('mine') }).strict(),
]);

export const boardsInput = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('get'),
      board: z.enum(['districts', 'organisations', 'projects', 'teams', 'inviters']),
      campaignId: campaignId.optional(),
      /** The projects board within one of the campaign's domains. */
      domain: z.string().min(1).max(20).optional(),
      cursor: z.string().max(6).regex(/^\d+$/).optional(),
    })
    .strict(),
]);

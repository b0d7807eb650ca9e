/**
 * Deterministic and opaque identifiers. Deterministic `_id`s make retries idempotent
 * (inserting an existing `_id` fails), opaque ones keep openids out of links.
 */
import { beijingDay8 } from './time';
import { hash32, randomInt, type Rng } from './rng';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no I/O: read aloud to support staff

export function randomToken(rng: Rng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(rng, 0, ALPHABET.length - 1)];
  return out;
}

/**
 * WeChat Pay out_trade_no: 6–32 chars of [0-9A-Za-z_-|*]. "SX" + Beijing day + the campaign's tag + 14 random
 * = 28 chars. The tag lets the payment callback know the order's campaign before its transaction without reading
 * the order (a read per paid donation at 10:00); orders from before tags (24 chars) have none.
 */
export function newOrderId(nowMs: number, rng: Rng, campaignId: string): string {
  return `SX${beijingDay8(nowMs)}${campaignTag(campaignId)}${randomToken(rng, 14)}`;
}

export const ORDER_ID_PATTERN = /^SX\d{8}(?:[0-9A-Z]{4})?[0-9A-Z]{14}$/;

const TAG_LENGTH = 4;

/** A campaign's 4-character tag in its order ids: a hash, so two campaigns may share one (then a read decides). */
export function campaignTag(campaignId: string): string {
  let h = hash32(`campaign-tag:${campaignId}`);
  let out = '';
  for (let i = 0; i < TAG_LENGTH; i++) {
    out += ALPHABET[h % ALPHABET.length];
    h = Math.floor(h / ALPHABET.length);
  }
  return out;
}

/** The campaign tag an order id carries; null for an untagged (older) id. */
export function orderCampaignTag(orderId: string): string | null {
  return orderId.length === 2 + 8 + TAG_LENGTH + 14 ? orderId.slice(10, 10 + TAG_LENGTH) : null;
}

/** A campaign's pool-day id (`${campaignId}:${day}`) and its shard ids (`${campaignId}:${day}:${k}`). */
export const poolDayId = (campaignId: string, day: string): string => `${campaignId}:${day}`;
export const poolShardId = (campaignId: string, day: string, k: number): string => `${campaignId}:${day}:${k}`;

/**
 * A user's document for one Beijing day in one campaign (`${campaignId}:${userKey}_${day}`: quiz attempts, assists
 * given, the step donation), so two campaigns live the same day count apart.
 */
export const userDayId = (campaignId: string, openid: string, day: string): string =>
  `${campaignId}:${userKey(openid)}_${day}`;

/** Short stable key of a user for shard assignment and map keys (never shown, not reversible). */
export function userKey(openid: string): string {
  return `u${hash32(openid).toString(36)}${hash32(`salt:${openid}`).toString(36)}`;
}

/** The pool shard a user drew from before shards were picked per draw (refunds of old orders). */
export function shardOf(openid: string, shards: number): number {
  return hash32(`shard:${openid}`) % shards;
}

/**
 * The shard a write lands on, picked per business key and attempt: reproducible for a key (seeded
 * draws in tests), spread evenly, and a conflict retry (attempt + 1) moves to another shard.
 */
export function pickShard(key: string, attempt: number, shards: number): number {
  return hash32(`pick:${key}:${attempt}`) % Math.max(1, shards);
}

/** A user's match document in a campaign (daily caps, recent paid times, distinct-donor marks). */
export const matchUserId = (campaignId: string, openid: string): string => `${campaignId}_${userKey(openid)}`;

/** Certificate number printed on the donation certificate: the campaign's prefix ("CQ2022-") + the order's serial. */
export function certificateNo(orderId: string, prefix: string): string {
  return `${prefix}${orderId.slice(2)}`;
}

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

/** WeChat Pay out_trade_no: 6–32 chars of [0-9A-Za-z_-|*]; "SX" + Beijing day + 14 random = 24 chars. */
export function newOrderId(nowMs: number, rng: Rng): string {
  return `SX${beijingDay8(nowMs)}${randomToken(rng, 14)}`;
}

export const ORDER_ID_PATTERN = /^SX\d{8}[0-9A-Z]{14}$/;

/** Short stable key of a user for shard assignment and map keys (never shown, not reversible). */
export function userKey(openid: string): string {
  return `u${hash32(openid).toString(36)}${hash32(`salt:${openid}`).toString(36)}`;
}

/** Which pool shard a user draws from (users spread evenly; one user always hits the same shard). */
export function shardOf(openid: string, shards: number): number {
  return hash32(`shard:${openid}`) % shards;
}

/** Certificate number printed on the donation certificate. */
export function certificateNo(orderId: string): string {
  return `CQ2022-${orderId.slice(2)}`;
}

/**
 * The share poster's mini-program code: `wxacode.getUnlimited` for the donated project, with a `scene` naming
 * the project and an opaque sharer key (never the openid). Generated once per project × sharer, kept in cloud
 * storage at a deterministic path and remembered in `share_codes`; later calls only sign a fresh URL.
 */
import { createHmac } from 'crypto';
import { DomainError, ErrorCode } from '../../domain/errors';
import type { SharePosterResult } from '../../domain/api';
import { db, insertOrGet, sdk } from './cloud';
import { requireProject } from './campaign';
import { C, type OrderDoc } from './collections';
import { donorLabelSecret } from './security';
import { profileOf } from './profiles';

/** The poster's name for a donor without a nickname, or for an anonymous donation. */
export const POSTER_DONOR_PLACEHOLDER = '爱心网友';

/** The page a scanned code opens; it reads `scene` ("p=<projectId>&s=<sharer>"). */
export const POSTER_PAGE = 'pkg-project/detail/index';
const URL_MAX_AGE_S = 3600;

export interface ShareCodeDoc {
  _id: string; // `${projectId}_${sharer}`
  fileID: string;
  scene: string;
  createdAt: number;
}

/** `scene` as WeChat takes it: at most 32 characters. */
export function posterScene(projectId: string, sharer: string): string {
  const scene = `p=${projectId}&s=${sharer}`;
  return scene.length <= 32 ? scene : `p=${projectId}`.slice(0, 32);
}

export async function posterCode(openid: string, orderId: string, nowMs: number): Promise<SharePosterResult> {
  const order = (await db().collection(C.orders).doc(orderId).get()).data as OrderDoc | null;
  if (!order || order.openid !== openid) throw new DomainError(ErrorCode.ORDER_NOT_FOUND, '未找到该笔捐款');
  if (order.status !== 'paid') throw new DomainError(ErrorCode.ORDER_NOT_PAID, '捐款完成后才能生成海报');
  const project = await requireProject(order.projectId);
  const sharer = createHmac('sha256', await donorLabelSecret())
    .update(`poster:${openid}`)
    .digest('hex')
    .slice(0, 10);
  const scene = posterScene(project._id, sharer);
  const id = `${project._id}_${sharer}`;
  let code = (await db().collection(C.shareCodes).doc(id).get()).data as ShareCodeDoc | null;
  if (!code) {
    const png = await sdk().openapi.wxacode.getUnlimited({
      scene,
      page: POSTER_PAGE,
      checkPath: false,
      envVersion: 'release',
      width: 430,
    });
    const { fileID } = await sdk().uploadFile({ cloudPath: `share-codes/${id}.png`, fileContent: png.buffer });
    code = await insertOrGet<ShareCodeDoc>(C.shareCodes, { _id: id, fileID, scene, createdAt: nowMs });
  }
  const [{ fileList }, profile] = await Promise.all([
    sdk().getTempFileURL({ fileList: [{ fileID: code.fileID, maxAge: URL_MAX_AGE_S }] }),
    order.anonymous ? null : profileOf(openid),
  ]);
  const tempUrl = fileList[0]?.tempFileURL;
  if (!tempUrl) throw new DomainError(ErrorCode.INTERNAL, '小程序码暂时无法生成，请稍后重试');
  return {
    codeFileID: code.fileID,
    tempUrl,
    scene: code.scene,
    page: POSTER_PAGE,
    project: { id: project._id, title: project.title, org: project.org },
    amountFen: order.amountFen,
    donor: { name: profile?.nickname || POSTER_DONOR_PLACEHOLDER, avatarUrl: profile?.avatarUrl ?? null },
  };
}

/**
 * H5 has no WeChat Pay: show a simulated confirm sheet and tell the local emulator the order was paid
 * (it then runs the same payment callback the real CloudPay would).
 */
import type { DonateCreateResult } from '@domain/api';
import { formatYuan } from '@/utils/money';
import { useIdentity } from '@/stores/identity';
import { ApiError } from './errors';

/**
 * The simulated pay sheet. It belongs to the page it was opened on: an abort (the page unmounts) or any
 * route change removes it unpaid, so it can never be paid over another project's page.
 */
function confirmSheet(payFen: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const mask = document.createElement('div');
    mask.className = 'pay-confirm-mask';
    mask.innerHTML = `
      <div class="pay-confirm" role="dialog">
        <div class="pay-confirm__title">微信支付（本地模拟）</div>
        <div class="pay-confirm__amount">${formatYuan(payFen)}</div>
        <button class="pay-confirm-ok" type="button">确认支付</button>
        <button class="pay-confirm-cancel" type="button">取消</button>
      </div>`;
    const leave = () => done(false);
    const done = (ok: boolean) => {
      mask.remove();
      window.removeEventListener('hashchange', leave);
      window.removeEventListener('popstate', leave);
      signal?.removeEventListener('abort', leave);
      resolve(ok);
    };
    if (signal?.aborted) return resolve(false);
    mask.querySelector('.pay-confirm-ok')!.addEventListener('click', () => done(true));
    mask.querySelector('.pay-confirm-cancel')!.addEventListener('click', () => done(false));
    window.addEventListener('hashchange', leave);
    window.addEventListener('popstate', leave);
    signal?.addEventListener('abort', leave);
    document.body.appendChild(mask);
  });
}

export async function pay(order: DonateCreateResult, signal?: AbortSignal): Promise<void> {
  if (!(await confirmSheet(order.payFen, signal))) throw new ApiError('PAY_CANCELLED');
  const openId = useIdentity.getState().openId;
  const res = await fetch('/__emulator/pay', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(openId ? { 'X-OpenId': openId } : {}) },
    credentials: 'same-origin',
    body: JSON.stringify({ orderId: order.orderId }),
  }).catch((err) => {
    throw new ApiError('NETWORK', String(err));
  });
  if (!res.ok) throw new ApiError('PAY_FAILED', `HTTP ${res.status}`);
}

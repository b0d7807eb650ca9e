/**
 * After a payment: every store that shows the project's or the session's totals fetches them again (the
 * project's detail and its card in the list, the campaign's stats, 我的 totals and flowers).
 */
import { useCampaign } from './campaign';
import { useMe } from './me';
import { useProjects } from './projects';
import { useFlowers } from './flowers';

export function refreshAfterPayment(projectId: string): void {
  void useProjects
    .getState()
    .fetchDetail(projectId)
    .catch(() => undefined);
  if (useCampaign.getState().campaign) void useCampaign.getState().refresh();
  if (useMe.getState().data) void useMe.getState().refresh();
  if (useFlowers.getState().data) void useFlowers.getState().refresh();
}

/** `teams` (一起捐): start a team on a project, show it (goal, total, members, time left), close it (_lib/teams.ts). */
import { teamsInput } from '../../../domain/schemas';
import { defineFunction } from '../../_lib/handler';
import { closeTeam, createTeam, getTeam, myTeams } from '../../_lib/teams';

export const main = defineFunction({
  name: 'teams',
  schema: teamsInput,
  actions: {
    async create(input, ctx) {
      return createTeam(ctx.openid, input, ctx.nowMs);
    },
    async get(input, ctx) {
      return getTeam(ctx.openid, input, ctx.nowMs);
    },
    async close(input, ctx) {
      return closeTeam(ctx.openid, input.teamId, ctx.nowMs);
    },
    async mine(_input, ctx) {
      return myTeams(ctx.openid, ctx.nowMs);
    },
  },
});

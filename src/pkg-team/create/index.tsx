/** 发起一起捐: name, goal (yuan) and a line of why for a team on a project; then the team page. */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Textarea, View } from '@tarojs/components';
import { useTeam } from '@/stores/team';
import { useProjects } from '@/stores/projects';
import { errorMessage } from '@/services/errors';
import { parseYuan } from '@/utils/money';
import { TEAM_GOAL_MIN_FEN, TEAM_LINE_MAX, TEAM_NAME_MAX } from '@domain/teams';
import '../team.scss';

const GOALS_YUAN = [500, 1000, 5000];

export default function CreateTeam() {
  const projectId = decodeURIComponent(useRouter().params.projectId ?? '');
  const title = useProjects((s) => s.details[projectId]?.title);
  const create = useTeam((s) => s.create);
  const [name, setName] = useState('');
  const [goal, setGoal] = useState('1000');
  const [line, setLine] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const goalFen = parseYuan(goal);
    if (!name.trim()) return setError('请填写团队名称');
    if (goalFen === null || goalFen < TEAM_GOAL_MIN_FEN) return setError('目标金额至少 1 元');
    setBusy(true);
    setError(null);
    try {
      const teamId = await create({ projectId, name: name.trim(), goalFen, line: line.trim() || undefined });
      void Taro.redirectTo({ url: `/pkg-team/team/index?id=${encodeURIComponent(teamId)}` });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="team-page">
      <View className="team-card">
        <View className="team-card__h">为「{title ?? projectId}」发起一起捐</View>
        <View className="team-muted">邀请好友通过你的团队捐款，一起完成目标。每笔捐款照常参与配捐。</View>
        <View className="team-field">
          <View className="team-field__label">团队名称</View>
          <Input
            className="team-name-input"
            value={name}
            maxlength={TEAM_NAME_MAX}
            placeholder={`最多${TEAM_NAME_MAX}个字`}
            onInput={(e) => setName(e.detail.value)}
          />
        </View>
        <View className="team-field">
          <View className="team-field__label">目标金额（元）</View>
          <View className="team-goals">
            {GOALS_YUAN.map((y) => (
              <View
                key={y}
                className={`team-goal ${goal === String(y) ? 'team-goal--active' : ''}`}
                onClick={() => setGoal(String(y))}
              >
                {y}元
              </View>
            ))}
          </View>
          <Input className="team-goal-input" type="digit" value={goal} onInput={(e) => setGoal(e.detail.value)} />
        </View>
        <View className="team-field">
          <View className="team-field__label">一句话宣言（选填）</View>
          <Textarea
            className="team-line-input"
            value={line}
            maxlength={TEAM_LINE_MAX}
            placeholder="说说为什么一起捐"
            onInput={(e) => setLine(e.detail.value)}
          />
        </View>
        {error && <View className="team-error">{error}</View>}
        <Button className="team-submit" disabled={busy || undefined} loading={busy || undefined} onClick={submit}>
          发起
        </Button>
      </View>
    </View>
  );
}

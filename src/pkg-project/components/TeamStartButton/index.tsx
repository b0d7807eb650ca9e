/** 发起一起捐: start a team for this project (opens the team form in the pkg-team subpackage). */
import Taro from '@tarojs/taro';
import { Button } from '@tarojs/components';

export default function TeamStartButton({ projectId, disabled }: { projectId: string; disabled?: boolean }) {
  return (
    <Button
      className="team-start"
      disabled={disabled || undefined}
      onClick={() => void Taro.navigateTo({ url: `/pkg-team/create/index?projectId=${encodeURIComponent(projectId)}` })}
    >
      发起一起捐 👥
    </Button>
  );
}

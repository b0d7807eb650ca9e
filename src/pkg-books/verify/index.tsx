/**
 * Verify one journal entry ON THE DEVICE: fetch its proof (my donation: ?orderId=…; any project entry:
 * ?projectId=…&entryId=…) and the published day roots, and check the Merkle path here with the same
 * code as `npm run verify`. The server is trusted for nothing but delivering bytes.
 */
import { useCallback, useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { verifyProof, type InclusionProof, type VerifyResult } from '@domain/merkle';
import { api } from '@/services/api';
import { formatYuan } from '@/utils/money';
import { formatBeijing } from '@/utils/time';
import StateView from '@/components/StateView';
import { KIND_LABELS, shortHash } from '@/utils/books';
import './index.scss';

interface Checked {
  proof: InclusionProof | null;
  result: VerifyResult | null;
}

async function fetchProof(params: Record<string, string | undefined>): Promise<InclusionProof | null> {
  const dec = (v?: string) => (v ? decodeURIComponent(v) : '');
  if (params.orderId) return (await api.donate.proof(dec(params.orderId))).proof;
  return (await api.projects.entryProof(dec(params.projectId), dec(params.entryId))).proof;
}

export default function Verify() {
  const params = useRouter().params;
  const [state, setState] = useState<Checked | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(() => {
    setError(null);
    setState(null);
    Promise.all([fetchProof(params), api.campaign.get()])
      .then(([proof, campaign]) => {
        if (!proof) return setState({ proof: null, result: null });
        const published = campaign.roots?.find((r) => r.day === proof.day?.day)?.root ?? null;
        const result = published
          ? verifyProof(proof, published)
          : { ok: false, code: 'root_mismatch' as const, reason: `没有找到公布的 ${proof.day?.day} 日根` };
        setState({ proof, result });
      })
      .catch((e: Error) => setError(e.message || '加载失败'));
  }, [params]);
  useEffect(run, [run]);

  if (error) return <StateView kind="error" text={error} onRetry={run} />;
  if (!state) return <StateView kind="loading" text="正在获取证明并在本机验证…" />;
  if (!state.proof)
    return (
      <StateView
        kind="empty"
        text="这笔账目尚未封存：每 10 分钟封存一批，每天 0 点过后封存前一天的日根，之后即可验证。"
      />
    );

  const { proof, result } = state;
  const entry = JSON.parse(proof.entry) as {
    id: string;
    kind: string;
    amountFen: number;
    at: string;
    projectId: string;
  };
  return (
    <View className="books">
      <View className={`books__verdict ${result?.ok ? 'books__verdict--ok' : 'books__verdict--bad'} verify-verdict`}>
        {result?.ok ? '已验证 ✓' : '验证失败 ✗'}
      </View>
      <View className="books__muted verify-reason">{result?.reason}</View>
      <View className="books__card">
        <View className="books__h">账目</View>
        <View className="books__row">
          <Text className="books__muted">类型</Text>
          <Text>{KIND_LABELS[entry.kind] ?? entry.kind}</Text>
        </View>
        <View className="books__row">
          <Text className="books__muted">金额</Text>
          <Text>{formatYuan(entry.amountFen)}</Text>
        </View>
        <View className="books__row">
          <Text className="books__muted">时间</Text>
          <Text>{formatBeijing(entry.at, 'YYYY-MM-DD HH:mm:ss')}</Text>
        </View>
        <View className="books__row">
          <Text className="books__muted">批次</Text>
          <Text>
            {proof.batch.id}（{proof.batch.count} 笔）
          </Text>
        </View>
        <View className="books__row">
          <Text className="books__muted">日根</Text>
          <Text className="books__hash">{shortHash(proof.dayRoot)}</Text>
        </View>
      </View>
      <Button className="books__button" onClick={() => void Taro.setClipboardData({ data: JSON.stringify(proof) })}>
        复制证明（可用 npm run verify 离线核对）
      </Button>
      <Button className="books__button" onClick={() => void Taro.navigateTo({ url: '/pkg-books/roots/index' })}>
        查看每日公布的日根
      </Button>
    </View>
  );
}

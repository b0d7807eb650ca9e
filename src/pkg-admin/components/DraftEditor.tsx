/**
 * The draft edit form (organisation staff, admins): the import sheet's fields, checked on the server by the same
 * rules as the import; saving resubmits a returned draft for review.
 */
import { useEffect, useState } from 'react';
import { Button, Input, Textarea, View } from '@tarojs/components';
import type { ConsoleDraft } from '@domain/api/admin';
import { useAdmin } from '@/stores/admin';
import { adminApi } from '@/services/admin';

type Fields = ConsoleDraft['fields'];
const TEXTS: Array<{ key: Exclude<keyof Fields, 'targetFen' | 'story'>; label: string }> = [
  { key: 'title', label: '项目名称（2–40 字）' },
  { key: 'summary', label: '简介（120 字以内）' },
  { key: 'district', label: '区县' },
  { key: 'domain', label: '领域编号' },
  { key: 'cover', label: '封面图（fileID 或链接，可空）' },
];

export default function DraftEditor({ projectId, onDone }: { projectId: string; onDone: () => void }) {
  const { run, busy } = useAdmin();
  const [draft, setDraft] = useState<ConsoleDraft | null>(null);
  const [fields, setFields] = useState<Fields | null>(null);
  const [yuan, setYuan] = useState('');
  useEffect(() => {
    void run(() => adminApi.getDraft(projectId)).then((r) => {
      if (!r) return;
      setDraft(r.draft);
      setFields(r.draft.fields);
      setYuan(String(r.draft.fields.targetFen / 100));
    });
  }, [run, projectId]);
  if (!draft || !fields) return null;
  const save = async () => {
    const patch: Partial<Fields> = {};
    for (const k of Object.keys(fields) as Array<keyof Fields>)
      if (k !== 'targetFen' && fields[k] !== draft.fields[k]) Object.assign(patch, { [k]: fields[k] });
    const targetFen = Math.round(Number(yuan) * 100);
    if (targetFen !== draft.fields.targetFen) patch.targetFen = targetFen;
    // Saving without a change still resubmits nothing: the server answers that there is no change.
    const r = await run(() => adminApi.editProject({ projectId, patch }));
    if (r) onDone();
  };
  return (
    <View className="console-form draft-editor">
      {draft.reviewReason && <View className="console__error">退回原因：{draft.reviewReason}</View>}
      {TEXTS.map(({ key, label }) => (
        <View key={key}>
          <View className="console-form__label">{label}</View>
          <Input
            className={`console__input draft-editor__${key}`}
            value={fields[key]}
            onInput={(e) => setFields({ ...fields, [key]: e.detail.value })}
          />
        </View>
      ))}
      <View className="console-form__label">目标金额（元）</View>
      <Input
        className="console__input draft-editor__target"
        type="digit"
        value={yuan}
        onInput={(e) => setYuan(e.detail.value)}
      />
      <View className="console-form__label">项目故事</View>
      <Textarea
        className="console-form__area"
        maxlength={5000}
        value={fields.story}
        onInput={(e) => setFields({ ...fields, story: e.detail.value })}
      />
      <View className="console__actions">
        <Button size="mini" className="console__btn draft-editor__save" disabled={busy} onClick={() => void save()}>
          保存并提交审核
        </Button>
        <Button size="mini" onClick={onDone}>
          取消
        </Button>
      </View>
    </View>
  );
}

/** Project intake: download the template, upload a .csv or .xlsx, read the row-by-row report. */
import Taro from '@tarojs/taro';
import { Button, View, Text } from '@tarojs/components';
import { useAdmin } from '@/stores/admin';
import { adminApi } from '@/services/admin';

/** The file to import: the chat-file picker on weapp, a file input on H5. */
function pickFile(): Promise<string | Blob | null> {
  if (process.env.TARO_ENV !== 'h5') {
    return Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] }).then(
      (r) => r.tempFiles[0]?.path ?? null,
      () => null,
    );
  }
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.xlsx';
    input.className = 'console-file-input';
    input.style.display = 'none';
    input.onchange = () => resolve(input.files?.[0] ?? null);
    document.body.appendChild(input);
    input.click();
  });
}

export default function ImportPanel() {
  const { importFile, lastImport, busy, run, campaignId } = useAdmin();
  const template = async (format: 'csv' | 'xlsx') => {
    const r = await run(() => adminApi.intakeTemplate(format));
    if (!r) return;
    if (process.env.TARO_ENV === 'h5') window.open(r.tempFileURL, '_blank');
    else void Taro.setClipboardData({ data: r.tempFileURL });
  };
  const choose = async () => {
    const file = await pickFile();
    if (file) await importFile(file);
  };
  return (
    <View className="console__card import-panel">
      <View className="console__h">导入项目（{campaignId}）</View>
      <View className="console__muted">
        按模板填写，每行一个项目（金额单位：分）。有问题的行不会导入并列出原因，其余行照常导入；重复导入同一文件不会产生重复项目。导入的项目需审核通过后才对捐赠人可见。
      </View>
      <View className="console__actions">
        <Button size="mini" onClick={() => void template('csv')}>
          下载 CSV 模板
        </Button>
        <Button size="mini" onClick={() => void template('xlsx')}>
          下载 Excel 模板
        </Button>
        <Button size="mini" className="console__btn import-choose" disabled={busy} onClick={() => void choose()}>
          选择文件并导入
        </Button>
      </View>
      {lastImport && (
        <View className="import-report">
          <View className="console__h">
            导入 {lastImport.imported} 个，拒绝 {lastImport.rejected.length} 行
          </View>
          {lastImport.rejected.map((r) => (
            <View key={r.row} className="console__row import-rejected">
              <Text>第 {r.row} 行</Text>
              <Text className="console__cell--grow">{r.reason}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

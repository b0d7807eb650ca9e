/** H5: there is no WeChat to ask; the stub accepts (the emulator records what the timer sends). */
export async function requestSubscription(templateId: string): Promise<boolean> {
  return templateId.length > 0;
}

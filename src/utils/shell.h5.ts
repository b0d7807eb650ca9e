/** H5: the app's home has drawn its own cards; take the pre-boot shell's picture (src/shell) away. */
export function dismissShell(): void {
  const shell = document.getElementById('shell');
  // After the frame that shows the app's cards, so the swap never shows an empty page.
  if (shell) requestAnimationFrame(() => setTimeout(() => shell.remove(), 0));
}

/** The H5 pre-boot shell's handover (src/shell); the mini-program has no shell, so nothing to do. */
export function dismissShell(): void {}

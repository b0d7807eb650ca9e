/** `remind` (配捐开启提醒) and `share` (the share poster's mini-program code) results. */

export interface RemindSubscribeResult {
  /** The Beijing day whose match opening the reminder announces. */
  day: string;
  /** ISO-8601 instants: the window opens, and the reminder goes out (opening minus the campaign's lead). */
  opensAt: string;
  sendAt: string;
  /** True when this user had already subscribed for that day (nothing changed). */
  already: boolean;
}

/** What one timer run of `remind` did. */
export interface RemindTimerResult {
  sent: number;
  /** Claimed by another run first, or already sent. */
  skipped: number;
  /** Claimed after the window had opened (not sent: the news is stale). */
  missed: number;
  failed: number;
  pages: number;
}

export interface SharePosterResult {
  /** The mini-program code in cloud storage (one per project and sharer, reused). */
  codeFileID: string;
  tempUrl: string;
  /** The `scene` the code carries (the page reads it on open). */
  scene: string;
  page: string;
  project: { id: string; title: string; org: string };
  amountFen: number;
  /** The donor as the poster shows them: their nickname and avatar, or 爱心网友 and none for an anonymous gift. */
  donor: { name: string; avatarUrl: string | null };
}

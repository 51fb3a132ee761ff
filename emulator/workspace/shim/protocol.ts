import type { Transferable } from '../transfer';

/**
 * Messages between an add-on iframe (sidebar or dialog) and the workspace page.
 * The iframe is sandboxed without same-origin, like Google's: it cannot reach the
 * page or the server itself, so google.script.run travels by postMessage.
 */
export const CHANNEL = 'partnership-tracker-workspace/gas';

/** What the server answered a google.script.run call with. */
export type ServerReply = { ok: true; value: Transferable } | { ok: false; error: { name: string; message: string } };

export type HostAction = 'close' | 'focusEditor' | 'setHeight' | 'setWidth';

export type FrameToPage = { channel: typeof CHANNEL; kind: 'run'; id: number; name: string; args: Transferable[] } | { channel: typeof CHANNEL; kind: 'host'; action: HostAction; value?: number };

export type PageToFrame = { channel: typeof CHANNEL; kind: 'reply'; id: number; reply: ServerReply };

export function isFrameToPage(data: unknown): data is FrameToPage {
  const d = data as Partial<FrameToPage> | null;
  if (!d || typeof d !== 'object' || d.channel !== CHANNEL) return false;
  if (d.kind === 'run') return typeof d.id === 'number' && typeof d.name === 'string' && Array.isArray(d.args);
  return d.kind === 'host' && typeof d.action === 'string';
}

export function isPageToFrame(data: unknown): data is PageToFrame {
  const d = data as Partial<PageToFrame> | null;
  return !!d && typeof d === 'object' && d.channel === CHANNEL && d.kind === 'reply' && typeof d.id === 'number' && !!d.reply;
}

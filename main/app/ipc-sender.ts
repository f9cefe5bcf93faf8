// The IPC sender rule, without Electron so that it can be tested on its own.
import { isAppUrl } from './app-origin';

export interface FrameLike {
  processId: number;
  routingId: number;
  url: string;
}

/**
 * Whether an IPC message comes from our window's top frame while it shows our own page (not an
 * error page, an iframe, or a page that somehow navigated elsewhere). Pure, for its tests.
 */
export function isTrustedSender(
  sender: unknown,
  frame: FrameLike | null | undefined,
  window: { contents: unknown; top: FrameLike } | null,
): boolean {
  if (!window || sender !== window.contents || !frame) return false;
  return (
    frame.processId === window.top.processId &&
    frame.routingId === window.top.routingId &&
    isAppUrl(frame.url)
  );
}

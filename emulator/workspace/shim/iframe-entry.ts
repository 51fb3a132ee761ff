import { createGoogleScript } from './gas-shim';
import { CHANNEL, FrameToPage, isPageToFrame, ServerReply } from './protocol';

/**
 * Injected at the start of the add-on's HTML (a sidebar or dialog): installs
 * `google.script` backed by postMessage to the workspace page, which owns the
 * connection to the emulator. Replies are accepted only from the parent window.
 */
(function installGoogleScript(): void {
  const parentWindow = window.parent;
  const pending = new Map<number, (reply: ServerReply) => void>();
  let nextId = 1;

  const post = (message: FrameToPage) => parentWindow.postMessage(message, '*');

  window.addEventListener('message', (event) => {
    if (event.source !== parentWindow || !isPageToFrame(event.data)) return;
    const resolve = pending.get(event.data.id);
    if (!resolve) return;
    pending.delete(event.data.id);
    resolve(event.data.reply);
  });

  const google = createGoogleScript({
    transport: (name, args) =>
      new Promise<ServerReply>((resolve, reject) => {
        if (parentWindow === window) {
          reject(new Error('This page is not inside the Partnership Tracker workspace, so google.script.run has no server.'));
          return;
        }
        const id = nextId++;
        pending.set(id, resolve);
        post({ channel: CHANNEL, kind: 'run', id, name, args });
      }),
    host: {
      close: () => post({ channel: CHANNEL, kind: 'host', action: 'close' }),
      focusEditor: () => post({ channel: CHANNEL, kind: 'host', action: 'focusEditor' }),
      setHeight: (value) => post({ channel: CHANNEL, kind: 'host', action: 'setHeight', value }),
      setWidth: (value) => post({ channel: CHANNEL, kind: 'host', action: 'setWidth', value }),
    },
  });
  Object.defineProperty(window, 'google', { value: google, configurable: false, enumerable: true, writable: false });
})();

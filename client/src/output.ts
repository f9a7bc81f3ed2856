import type { OutputChannel } from 'vscode';

/**
 * The output channel, with one line reworded: the language client logs every exit of the server as an
 * error, "Server process exited with code 0." included, which is the server stopping as asked (on restart,
 * on close). That one is logged as what it is; every other line passes unchanged.
 */
export function quietOnCleanExit(channel: OutputChannel): OutputChannel {
  return new Proxy(channel, {
    get(target, prop, receiver) {
      if (prop === 'appendLine') {
        return (line: string) => target.appendLine(line.replace(/^\[Error(\s*-[^\]]*)\] Server process exited with code 0\.$/, '[Info $1] Server process stopped (exit code 0).'));
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

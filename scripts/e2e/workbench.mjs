// What the code-server suites share: a free loopback port, waiting for code-server to answer, and where
// a piece of text is drawn in the editor (to click or hover it as a user would).
import { createServer } from 'node:net';

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => res(port)); });
  });
}

export async function waitHealthy(url, ms) {
  const end = Date.now() + ms;
  for (;;) {
    try { if ((await fetch(url)).ok) return; } catch { /* not listening yet */ }
    if (Date.now() > end) throw new Error(`code-server did not answer ${url} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Centre of `needle` (characters from..to of it) as rendered in the editor, in page coordinates. */
export function textPoint(page, needle, from = 0, to = needle.length) {
  return page.evaluate(([needle, from, to]) => {
    for (const line of document.querySelectorAll('.monaco-editor .view-line')) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      const text = line.textContent ?? '';
      const at = text.indexOf(needle);
      if (at < 0) continue;
      let offset = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const len = n.data.length;
        if (at + from >= offset && at + from < offset + len && at + to <= offset + len) {
          const r = document.createRange();
          r.setStart(n, at + from - offset);
          r.setEnd(n, at + to - offset);
          const b = r.getBoundingClientRect();
          return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
        }
        offset += len;
      }
    }
    return null;
  }, [needle, from, to]).then((p) => {
    if (!p) throw new Error(`"${needle}" is not rendered in the editor`);
    return p;
  });
}

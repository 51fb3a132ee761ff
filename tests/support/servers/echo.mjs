// A server for UrlFetchApp's conformance tests (tests/emulator/services/url-fetch.test.ts): it answers
// each request with what it received, or as the path asks. Runs in a worker (tests/support/local-server.ts).
import { createServer } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const waiting = [];
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const url = new URL(req.url, 'http://local');
    const status = /^\/status\/(\d{3})$/.exec(url.pathname);
    if (status) {
      res.writeHead(Number(status[1]), { 'Content-Type': 'text/plain; charset=utf-8', 'X-Reason': 'asked' });
      res.end(url.searchParams.get('body') ?? `status ${status[1]}`);
      return;
    }
    if (url.pathname === '/redirect') {
      res.writeHead(Number(url.searchParams.get('code') ?? 302), { Location: url.searchParams.get('to') ?? '/echo' });
      res.end();
      return;
    }
    // Answers only once `n` such requests are open at the same time (proof they were sent together), else 408 after a second.
    if (url.pathname === '/together') {
      const wanted = Number(url.searchParams.get('n') ?? 2);
      waiting.push(res);
      if (waiting.length >= wanted) waiting.splice(0).forEach((r) => r.end('together'));
      else
        setTimeout(() => {
          if (!waiting.includes(res)) return;
          waiting.splice(waiting.indexOf(res), 1);
          res.writeHead(408);
          res.end('alone');
        }, 1000);
      return;
    }
    if (url.pathname === '/slow') {
      setTimeout(() => res.end('late'), Number(url.searchParams.get('ms') ?? 1000));
      return;
    }
    if (url.pathname === '/cookies') {
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.end('two cookies');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ method: req.method, path: req.url, headers: req.headers, body: body.toString('utf8') }));
  });
});
server.listen(workerData.port ?? 0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));

// A webhook receiver as a customer would write one: every delivery is checked with the official
// `standardwebhooks` package (Webhook.verify: the signature, and the timestamp within 5 minutes)
// and answered as the test scripted (POST /__script {"answers":[500,500,200]}; 200 once the script
// runs out). Runs in a worker thread (tests/support/local-server.ts).
// Control routes: POST /__secret {"secret"}, POST /__clock {"nowMs"} (the emulator's clock, which
// the timestamps follow: verify then reads the same time), GET /__requests.
import { createServer } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { Webhook } from 'standardwebhooks';

const realNow = Date.now.bind(Date);
let offsetMs = 0;
Date.now = () => realNow() + offsetMs;

let secret = workerData.secret ?? null;
let answers = [];
const received = [];

const json = (res, status, value) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(value));
};

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    if (req.url === '/__requests') return json(res, 200, received);
    if (req.url === '/__reset') {
      received.length = 0;
      answers = [];
      secret = null;
      return json(res, 200, { ok: true });
    }
    if (req.url === '/__secret') {
      secret = JSON.parse(body).secret;
      return json(res, 200, { ok: true });
    }
    if (req.url === '/__script') {
      answers = JSON.parse(body).answers;
      return json(res, 200, { ok: true });
    }
    if (req.url === '/__clock') {
      offsetMs = JSON.parse(body).nowMs - realNow();
      return json(res, 200, { ok: true });
    }
    let verified = false;
    let error = '';
    let payload = null;
    try {
      payload = new Webhook(secret).verify(body, req.headers);
      verified = true;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const status = answers.length ? answers.shift() : 200;
    received.push({
      path: req.url,
      id: req.headers['webhook-id'] ?? '',
      timestamp: req.headers['webhook-timestamp'] ?? '',
      contentType: req.headers['content-type'] ?? '',
      body,
      type: payload?.type ?? '',
      data: payload?.data ?? null,
      verified,
      error,
      status,
    });
    // An unverified delivery is refused as a receiver would (401), whatever the script says.
    res.writeHead(verified ? status : 401, { 'Content-Type': 'text/plain' });
    res.end(verified ? `answered ${status}` : `rejected: ${error}`);
  });
});
server.listen(workerData.port ?? 0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));

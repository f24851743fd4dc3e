// The webhook receiver of the local fleet (deploy/local/fleet.sh): one loopback HTTP endpoint that stands in
// for the on-call channel. Three senders post to it, each on its own path:
//   /guard         the instances' rollback guard (scoregate.notify.webhook-url, Slack-style {"text": ...})
//   /gate          ci-gate rollout/rollback (--webhook, the same {"text": ...})
//   /alertmanager  Alertmanager's webhook_configs (version 4 payload: {"status", "alerts": [...]})
// Every POST is kept whole in received.jsonl, and turned into timeline lines in the events file
// (epoch-ms TAB source TAB text), the file fleet.sh waits on and prints its timeline from.
//
//   node webhook-receiver.mjs --port PORT --received FILE --events FILE
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';

const MAX_BODY = 1024 * 1024; // Alertmanager batches alerts; 1 MiB is far above any real notification here
const BODY_TIMEOUT_MS = 10_000;

function option(name) {
  const i = process.argv.indexOf(name);
  if (i < 0 || i + 1 >= process.argv.length) {
    console.error(`webhook-receiver: ${name} is required`);
    process.exit(4);
  }
  return process.argv[i + 1];
}

const port = Number(option('--port'));
const receivedFile = option('--received');
const eventsFile = option('--events');

function event(ms, source, text) {
  // one short line per write: O_APPEND keeps concurrent writers' lines whole
  appendFileSync(eventsFile, `${ms}\t${source}\t${text.replace(/[\t\r\n]+/g, ' ')}\n`);
}

/** The timeline lines of one notification, by who sent it. */
function describe(path, body) {
  if (path === '/alertmanager' && body && Array.isArray(body.alerts)) {
    return body.alerts.map(a => {
      const name = a.labels?.alertname ?? '?';
      const what = [a.labels?.model_version, a.labels?.instance, a.labels?.rule].filter(Boolean).join(' ');
      const since = a.status === 'resolved' ? `ended ${a.endsAt}` : `active since ${a.startsAt}`;
      return { source: 'alertmanager', text: `alert ${name} ${a.status} (${what}; ${since})` };
    });
  }
  const text = body && typeof body.text === 'string' ? body.text : JSON.stringify(body);
  return [{ source: `webhook${path}`, text }];
}

const server = createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(405, { 'Content-Type': 'text/plain' }).end('POST only\n');
    return;
  }
  const chunks = [];
  let size = 0;
  req.setTimeout(BODY_TIMEOUT_MS, () => req.destroy());
  req.on('data', chunk => {
    size += chunk.length;
    if (size > MAX_BODY) {
      res.writeHead(413, { 'Content-Type': 'text/plain', Connection: 'close' }).end('body over 1 MiB\n');
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > MAX_BODY) {
      return;
    }
    const receivedAt = Date.now();
    const raw = Buffer.concat(chunks).toString('utf8');
    let body;
    try {
      body = JSON.parse(raw);
    } catch {
      body = raw;
    }
    const path = new URL(req.url, 'http://receiver').pathname;
    appendFileSync(receivedFile, JSON.stringify({ receivedAt: new Date(receivedAt).toISOString(), path, body }) + '\n');
    for (const line of describe(path, body)) {
      event(receivedAt, line.source, line.text);
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}\n');
  });
});

server.headersTimeout = BODY_TIMEOUT_MS;
server.requestTimeout = BODY_TIMEOUT_MS;
server.listen(port, '127.0.0.1', () => console.log(`webhook receiver on 127.0.0.1:${port}`));
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
  // keep-alive connections would hold close() open; nothing here needs them to finish
  process.on(signal, () => setTimeout(() => process.exit(0), 1000).unref());
}

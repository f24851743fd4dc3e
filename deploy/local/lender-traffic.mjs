// Steady lender traffic for the local fleet (deploy/local/fleet.sh): unpinned POST /risk-score and
// /funding-approve at a fixed arrival rate (an open model: a slow answer does not slow the sending), each with a
// new applicationId, from the lenders in the keys file, each with its own X-Api-Key. The routing table decides
// which version scores a request, as it does for real lenders. Loopback targets only.
//
// First, with --warmup N, N requests from a few lenders at a time (a closed loop: each sends its next request when
// the last is answered), so the JVMs warm up without a queue of open-model requests piling onto a cold one.
//
// Counts every answer by HTTP status and by X-Model-Version, transport failures apart, into the stats file
// (rewritten every second and at the end). Stops by itself after --max-seconds, or on SIGTERM/SIGINT; either
// way it waits (at most 6 s) for the requests in flight, so the counts cover every request sent.
//
//   node lender-traffic.mjs --url http://127.0.0.1:PORT --rate 50 --max-seconds 170 --keys FILE --stats FILE
//                           [--warmup 150]
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

const REQUEST_TIMEOUT_MS = 5_000;
const MAX_ANSWER_BYTES = 64 * 1024;
const DRAIN_MS = 6_000;
const WARMUP_CONCURRENCY = 6;
const SECTORS = ['RETAIL', 'AGRICULTURE', 'MANUFACTURING', 'SERVICES', 'TRANSPORT', 'HOSPITALITY', 'OTHER'];

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  if ((i < 0 || i + 1 >= process.argv.length) && fallback !== undefined) {
    return fallback;
  }
  if (i < 0 || i + 1 >= process.argv.length) {
    console.error(`lender-traffic: ${name} is required`);
    process.exit(4);
  }
  return process.argv[i + 1];
}

const target = new URL(option('--url'));
const rate = Number(option('--rate'));
const maxSeconds = Number(option('--max-seconds'));
const statsFile = option('--stats');
const warmupRequests = Number(option('--warmup', '0'));
if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
  console.error(`lender-traffic: sends to loopback only, but --url was ${target.href}`);
  process.exit(4);
}
if (!(rate >= 1 && rate <= 1000) || !(maxSeconds >= 1 && maxSeconds <= 3600) || !(warmupRequests >= 0 && warmupRequests <= 100_000)) {
  console.error(`lender-traffic: --rate must be 1..1000, --max-seconds 1..3600 and --warmup 0..100000, but were ${rate}, ${maxSeconds} and ${warmupRequests}`);
  process.exit(4);
}
const lenders = readFileSync(option('--keys'), 'utf8').split('\n').filter(l => l.trim())
  .map(l => { const [id, key] = l.trim().split(/\s+/); return { id, key }; });

// A small seeded generator (mulberry32), so two runs send the same applications.
let seed = 0x5c0e6a7e;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

function application(n, lenderId) {
  const revenue = between(50_000, 2_000_000);
  return JSON.stringify({
    applicationId: `fleet-${process.pid}-${n}`, lenderId, sector: SECTORS[between(0, SECTORS.length - 1)],
    businessAgeMonths: between(3, 240), monthlyRevenueKes: revenue, revenueVolatility: Math.round(random() * 80) / 100,
    mobileMoneyTxnsPerMonth: between(10, 2_000), existingDebtKes: between(0, 3 * revenue),
    priorLoansRepaid: between(0, 12), priorDefaults: between(0, 2), crbScore: between(300, 850),
    requestedAmountKes: between(20_000, 2_000_000), tenorMonths: between(1, 36),
  });
}

const stats = { target: target.href, rate, warmup: { requests: warmupRequests, answered: 0, ok: 0, seconds: null },
  startedAt: null, sent: 0, answered: 0, byStatus: {}, byVersion: {}, transportFailures: 0, failureReasons: {},
  stoppedAt: null };
// answers per second of answer time, for the share of recent answers that were 200 (is the fleet steady?)
const perSecond = new Map();
const RECENT_S = 5;
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
let inFlight = 0;

function count(map, key) {
  map[key] = (map[key] ?? 0) + 1;
}

let numbered = 0;

/** Sends one application; done(statusCode or 0 for no answer) once it is settled. Counted only after warm-up. */
function sendOne(done = () => {}) {
  const n = numbered++;
  const counted = stats.startedAt !== null;
  if (counted) {
    stats.sent++;
  }
  const lender = lenders[n % lenders.length];
  const path = n % 2 === 0 ? '/risk-score' : '/funding-approve';
  const body = application(n, lender.id);
  inFlight++;
  let settled = false;
  const settle = (status, fn) => {
    if (!settled) {
      settled = true;
      inFlight--;
      if (counted) {
        fn();
      }
      done(status);
    }
  };
  const req = request({ host: target.hostname.replace(/^\[|\]$/g, ''), port: target.port, path, method: 'POST', agent,
    timeout: REQUEST_TIMEOUT_MS, headers: { 'Content-Type': 'application/json', 'X-Api-Key': lender.key,
      'Content-Length': Buffer.byteLength(body) } }, res => {
    let size = 0;
    res.on('data', chunk => {
      size += chunk.length;
      if (size > MAX_ANSWER_BYTES) {
        res.destroy(new Error('answer over 64 KiB'));
      }
    });
    res.on('end', () => settle(res.statusCode, () => {
      const second = Math.floor(Date.now() / 1000);
      const bucket = perSecond.get(second) ?? { answered: 0, ok: 0 };
      bucket.answered++;
      bucket.ok += res.statusCode === 200 ? 1 : 0;
      perSecond.set(second, bucket);
      stats.answered++;
      count(stats.byStatus, res.statusCode);
      count(stats.byVersion, res.headers['x-model-version'] ?? 'none');
    }));
    res.on('error', e => settle(0, () => { stats.transportFailures++; count(stats.failureReasons, e.message); }));
  });
  req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
  req.on('error', e => settle(0, () => { stats.transportFailures++; count(stats.failureReasons, e.code ?? e.message); }));
  req.end(body);
}

function writeStats() {
  // the last RECENT_S whole seconds
  const now = Math.floor(Date.now() / 1000);
  const recent = { seconds: RECENT_S, answered: 0, ok: 0 };
  for (const [second, b] of perSecond) {
    if (second < now - RECENT_S) {
      perSecond.delete(second);
    } else if (second < now) {
      recent.answered += b.answered;
      recent.ok += b.ok;
    }
  }
  stats.recent = recent;
  writeFileSync(`${statsFile}.tmp`, JSON.stringify(stats, null, 1) + '\n');
  renameSync(`${statsFile}.tmp`, statsFile);
}

// Every 10 ms, send what the schedule says is due: the rate holds however long the answers take.
let ticker = null;
function steadyTraffic() {
  const started = Date.now();
  stats.startedAt = new Date(started).toISOString();
  ticker = setInterval(() => {
    const due = Math.floor(((Date.now() - started) / 1000) * rate);
    while (stats.sent < due) {
      sendOne();
    }
  }, 10);
}

function warmUp() {
  const started = Date.now();
  let sent = 0;
  let running = 0;
  const next = () => {
    if (stopping) {
      return;
    }
    if (sent >= warmupRequests) {
      if (running === 0) {
        stats.warmup.seconds = (Date.now() - started) / 1000;
        steadyTraffic();
      }
      return;
    }
    sent++;
    running++;
    sendOne(status => {
      running--;
      stats.warmup.answered += status ? 1 : 0;
      stats.warmup.ok += status === 200 ? 1 : 0;
      next();
    });
  };
  for (let i = 0; i < Math.min(WARMUP_CONCURRENCY, Math.max(1, warmupRequests)); i++) {
    next();
  }
}

const reporter = setInterval(writeStats, 1000);
let stopping = false;

function stop(why) {
  if (stopping) {
    return;
  }
  stopping = true;
  if (ticker) {
    clearInterval(ticker);
  }
  const drainUntil = Date.now() + DRAIN_MS;
  const finish = setInterval(() => {
    if (inFlight === 0 || Date.now() > drainUntil) {
      clearInterval(finish);
      clearInterval(reporter);
      stats.stoppedAt = new Date().toISOString();
      stats.stoppedBecause = why;
      stats.unansweredAtStop = inFlight;
      writeStats();
      agent.destroy();
      process.exit(0);
    }
  }, 20);
}

setTimeout(() => stop(`--max-seconds ${maxSeconds} reached`), maxSeconds * 1000);
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
writeStats();
if (warmupRequests > 0) {
  warmUp();
} else {
  steadyTraffic();
}

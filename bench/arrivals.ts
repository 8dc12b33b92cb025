// Fixed-rate arrivals for the open loop (issue 6: "an open-loop arrival rate of 100 requests a second,
// about 1,000 active users each clicking every 10 s"): request i is due at start + i × (1000 / rate) ms
// and is sent then, whether or not earlier ones have been answered, on a pool of keep-alive sockets
// large enough never to hold one back. Its latency is counted from when it was due, so a client that
// falls behind cannot hide the wait (coordinated omission).
//
// Not autocannon's overallRate (decision 0053): that gives each connection a quota a second, sent as fast
// as answered at the start of each second, so 100 connections at 100 a second arrive as one burst of 100
// every second; and its correction for coordinated omission takes 1/rate seconds as milliseconds. The
// same machine's plain /sign-in then showed a p50 of 100 ms. autocannon stays for the closed loop.
import http from 'node:http';

export interface Arrivals {
  sent: number;
  answered: number;
  /** Latencies in ms from when each request was due, sorted. */
  latencies: number[];
  statuses: Map<number, number>;
  errors: number;
  timeouts: number;
}

/** Sends `rate` requests a second for `seconds`, cycling through `targets`, and waits for every answer (at most `timeoutMs` each). */
export async function fixedRateArrivals(
  address: string,
  targets: readonly { path: string; cookie?: string }[],
  options: { rate: number; seconds: number; timeoutMs?: number },
): Promise<Arrivals> {
  const url = new URL(address);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
  const interval = 1000 / options.rate;
  const total = Math.round(options.rate * options.seconds);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const result: Arrivals = { sent: 0, answered: 0, latencies: [], statuses: new Map(), errors: 0, timeouts: 0 };
  const pending: Promise<void>[] = [];

  const send = (i: number, due: number) =>
    new Promise<void>((done) => {
      const target = targets[i % targets.length]!;
      const request = http.get(
        { host: url.hostname, port: url.port, path: target.path, agent, headers: target.cookie ? { cookie: target.cookie } : {} },
        (response) => {
          response.resume();
          response.on('end', () => {
            result.answered++;
            result.latencies.push(performance.now() - due);
            result.statuses.set(response.statusCode ?? 0, (result.statuses.get(response.statusCode ?? 0) ?? 0) + 1);
            done();
          });
        },
      );
      let timedOut = false;
      request.setTimeout(timeoutMs, () => {
        timedOut = true;
        result.timeouts++;
        request.destroy();
      });
      request.on('error', () => {
        if (!timedOut) result.errors++;
        done();
      });
    });

  const start = performance.now() + 50;
  let next = 0;
  await new Promise<void>((finished) => {
    const tick = () => {
      const now = performance.now();
      // Everything due by now goes now: a late timer sends its backlog at once, each timed from its due time.
      while (next < total && start + next * interval <= now) {
        pending.push(send(next, start + next * interval));
        result.sent++;
        next++;
      }
      if (next >= total) return finished();
      setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
    };
    setTimeout(tick, 50);
  });
  await Promise.all(pending);
  agent.destroy();
  result.latencies.sort((a, b) => a - b);
  return result;
}

/** The p-th percentile (nearest rank) of sorted values. */
export const nearestRank = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

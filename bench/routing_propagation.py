#!/usr/bin/env python3
"""Time from an accepted PUT /admin/routing on one instance until every instance reports the new revision
as applied (GET /admin/routing -> appliedRevision), for the file store (shared data directory, periodic
re-read) and the Redis store (pub/sub + periodic re-read). Starts its own packaged instances and, for
Redis, its own redis-server on a free port. Prints one table row per store.

Usage: bench/routing_propagation.py [--instances 3] [--changes 20] [--stores file,redis]
Needs: ./mvnw -B package -pl service -DskipTests (service/target/quarkus-app/quarkus-run.jar), redis-server.
"""
import argparse, json, os, random, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "service", "target", "quarkus-app", "quarkus-run.jar")
TOKEN = "bench-admin-token"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, port, path, body=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                 data=None if body is None else json.dumps(body).encode())
    if body is not None:
        req.add_header("Content-Type", "application/json")
        req.add_header("Authorization", "Bearer " + TOKEN)
    with urllib.request.urlopen(req, timeout=5) as r:
        return json.loads(r.read())


def wait_ready(port, proc, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"instance on {port} exited with {proc.returncode}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/q/health/ready", timeout=1)
            return
        except Exception:
            time.sleep(0.1)
    raise SystemExit(f"instance on {port} not ready in {timeout}s")


def run(store, instances, changes, workdir, jitter_ms, rng):
    procs, ports, redis = [], [], None
    props = {"scoregate.routing.store": store}
    if store == "redis":
        rport = free_port()
        redis = subprocess.Popen(["redis-server", "--port", str(rport), "--save", "", "--bind", "127.0.0.1"],
                                 stdout=subprocess.DEVNULL)
        time.sleep(0.3)
        props["quarkus.redis.hosts"] = f"redis://127.0.0.1:{rport}"
    shared = os.path.join(workdir, store)
    try:
        for i in range(instances):
            port = free_port()
            data = shared if store == "file" else os.path.join(shared, str(i))  # file store: one shared directory
            args = ["java", "-Xmx128m", f"-Dquarkus.http.port={port}", f"-Dscoregate.data-dir={data}",
                    f"-Dscoregate.instance-id=bench-{store}-{i}"] + [f"-D{k}={v}" for k, v in props.items()]
            log = open(os.path.join(workdir, f"{store}-{i}.log"), "w")
            procs.append(subprocess.Popen(args + ["-jar", JAR], stdout=log, stderr=subprocess.STDOUT,
                                          env=dict(os.environ, SCOREGATE_ADMIN_TOKEN=TOKEN)))
            ports.append(port)
        for port, proc in zip(ports, procs):
            wait_ready(port, proc)
        times = []
        for n in range(changes):
            # A random pause before each change, so changes do not fall at a fixed phase of the instances'
            # periodic re-read (each change would otherwise start just after the last one was picked up).
            time.sleep(rng.uniform(0, jitter_ms) / 1000)
            rev = http("GET", ports[0], "/admin/routing")["revision"]
            w = 95 if n % 2 == 0 else 75
            body = {"stable": "v1.2", "candidate": "v1.3", "weights": {"v1.2": w, "v1.3": 100 - w},
                    "expectedRevision": rev, "reason": f"bench change {n}"}
            start = time.perf_counter()
            http("PUT", ports[0], "/admin/routing", body)
            pending = set(ports)
            while pending:
                pending = {p for p in pending if http("GET", p, "/admin/routing")["appliedRevision"] < rev + 1}
                if time.perf_counter() - start > 30:
                    raise SystemExit(f"{store}: revision {rev + 1} not applied everywhere in 30 s")
                if pending:
                    time.sleep(0.005)
            times.append((time.perf_counter() - start) * 1000)
        return times
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait()
        if redis:
            redis.terminate()
            redis.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--instances", type=int, default=3)
    ap.add_argument("--changes", type=int, default=20)
    ap.add_argument("--stores", default="file,redis")
    ap.add_argument("--jitter-ms", type=float, default=5000, help="random pause before each change (0..this)")
    ap.add_argument("--seed", type=int, default=20261127)
    a = ap.parse_args()
    if not os.path.exists(JAR):
        raise SystemExit(f"{JAR} missing: run ./mvnw -B package -pl service -DskipTests first")
    workdir = tempfile.mkdtemp(prefix="routing-bench-")
    print(f"| store | instances | changes | median ms | p90 ms | worst ms |")
    print(f"|---|---|---|---|---|---|")
    try:
        for store in a.stores.split(","):
            t = sorted(run(store, a.instances, a.changes, workdir, a.jitter_ms, random.Random(a.seed)))
            p90 = t[min(len(t) - 1, int(round(0.9 * (len(t) - 1))))]
            print(f"| {store} | {a.instances} | {len(t)} | {statistics.median(t):.0f} | {p90:.0f} | {t[-1]:.0f} |",
                  flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

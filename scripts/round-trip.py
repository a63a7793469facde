#!/usr/bin/env python3
"""Where a frame's round trip goes at concurrency 1: the client's latency against the server's own
total (its Server-Timing header), so the time outside the stages (HTTP, Tomcat, Spring MVC, the report)
is measured per request. One keep-alive connection; the first fifth of the requests warm up and are
not counted.

    scripts/round-trip.py PORT PATH_AND_QUERY BODY_FILE [REQUESTS] [CONTENT_TYPE]

For example, against a server started with --spring.profiles.active=baseline
--framepipe.pipeline.mode=sequential:

    scripts/round-trip.py 8080 '/api/v1/frames?width=64&height=48' target/bench/baseline-64x48.gray 3000

Prints p10, p50, p90, p99 and the mean of the latency, of every Server-Timing entry (the stages and the
server's total) and of the time outside the server's total, in ms; then how many frames' server total was at
least 95 % of the sum of their two middle stages (size and classify): the frames whose branches did not
overlap, when the pipeline forks.
"""
import http.client
import re
import sys
import time


def main():
    port, path, body_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 3000
    content_type = sys.argv[5] if len(sys.argv) > 5 else "application/octet-stream"
    body = open(body_file, "rb").read()
    connection = http.client.HTTPConnection("127.0.0.1", port)
    rows = []
    for i in range(n):
        start = time.perf_counter()
        connection.request("POST", path, body, {"Content-Type": content_type})
        response = connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - start) * 1e3
        timing = {name: float(ms) for name, ms in
                  re.findall(r"(\w+);dur=([0-9.]+)", response.getheader("Server-Timing") or "")}
        if i >= n // 5 and "total" in timing:
            timing["latency"] = elapsed
            timing["outside"] = elapsed - timing["total"]
            rows.append(timing)
    if not rows:
        sys.exit("no answer had a Server-Timing total")

    def q(values, p):
        return values[min(len(values) - 1, int(p * len(values)))]

    print("%d requests after %d of warm-up, ms:" % (len(rows), n // 5))
    for name in ["latency", "outside"] + [k for k in rows[0] if k not in ("latency", "outside")]:
        values = sorted(r[name] for r in rows)
        print("  %-9s p10 %7.3f  p50 %7.3f  p90 %7.3f  p99 %7.3f  mean %7.3f" % (
            name, q(values, .1), q(values, .5), q(values, .9), q(values, .99), sum(values) / len(values)))
    if "size" in rows[0] and "classify" in rows[0]:
        serial = sum(1 for r in rows if r["total"] >= 0.95 * (r["size"] + r["classify"]))
        print("  frames whose total was at least 95 %% of size + classify (no overlap): %d of %d" % (serial, len(rows)))


if __name__ == "__main__":
    main()

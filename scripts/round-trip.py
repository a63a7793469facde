#!/usr/bin/env python3
"""Where a frame's round trip goes at concurrency 1: the client's latency against the server's own
total (its Server-Timing header), so the time outside the stages (HTTP, Tomcat, Spring MVC, the report)
is measured per request. One keep-alive connection; the first fifth of the requests warm up and are
not counted.

    scripts/round-trip.py PORT PATH_AND_QUERY BODY_FILE [REQUESTS] [CONTENT_TYPE]

For example, against a server started with --spring.profiles.active=baseline
--framepipe.pipeline.mode=sequential:

    scripts/round-trip.py 8080 '/api/v1/frames?width=64&height=48' target/bench/baseline-64x48.gray 3000

Prints p50 and p90 of the latency, of the server's total and of their difference, in ms.
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
    latency, total, outside = [], [], []
    for i in range(n):
        start = time.perf_counter()
        connection.request("POST", path, body, {"Content-Type": content_type})
        response = connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - start) * 1e3
        timing = re.search(r"total;dur=([0-9.]+)", response.getheader("Server-Timing") or "")
        if i >= n // 5 and timing:
            server = float(timing.group(1))
            latency.append(elapsed)
            total.append(server)
            outside.append(elapsed - server)

    def q(values, p):
        return sorted(values)[int(p * len(values))]

    print("latency p50 %.3f p90 %.3f | server total p50 %.3f p90 %.3f | outside p50 %.3f p90 %.3f ms (%d requests)"
          % (q(latency, .5), q(latency, .9), q(total, .5), q(total, .9), q(outside, .5), q(outside, .9), len(latency)))


if __name__ == "__main__":
    main()

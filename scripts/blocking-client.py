#!/usr/bin/env python3
"""A concurrency-1 load client that waits for each answer in a blocking read, as a camera or curl does:
one keep-alive connection, POSTs back to back for SECONDS, then prints the frames/s answered 200, the
way hey prints `Requests/sec`. Non-200 answers are counted and reported on standard error.

    scripts/blocking-client.py PORT PATH_AND_QUERY BODY_FILE SECONDS [CONTENT_TYPE]

Why next to hey: on this two-processor machine hey's Go runtime keeps a thread spinning for work while
it waits for an answer, and at concurrency 1 that spinning thread takes processor time from the
server's forked branch (BENCHMARKS.md, seventh session). A client that sleeps in its read leaves both
processors to the server, as a client on another machine does.
"""
import http.client
import sys
import time


def main():
    port, path, body_file, seconds = int(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4].rstrip("s"))
    content_type = sys.argv[5] if len(sys.argv) > 5 else "application/octet-stream"
    body = open(body_file, "rb").read()
    connection = http.client.HTTPConnection("127.0.0.1", port)
    ok = other = 0
    start = time.perf_counter()
    end = start + seconds
    while time.perf_counter() < end:
        connection.request("POST", path, body, {"Content-Type": content_type})
        response = connection.getresponse()
        response.read()
        if response.status == 200:
            ok += 1
        else:
            other += 1
    elapsed = time.perf_counter() - start
    if other:
        print("%d answers were not 200" % other, file=sys.stderr)
    print("Requests/sec: %.4f" % (ok / elapsed))


if __name__ == "__main__":
    main()

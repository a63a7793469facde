#!/usr/bin/env python3
"""Slow clients against a running FramePipe (issue 15), standard library only.

300 connections each start a raw 640x480 upload (Content-Length: 307200) and trickle 10 bytes every
2 s; for the first 20 s a prober asks readiness every second and a normal client posts a 640x480
frame every second. Prints the readiness and normal-frame latencies (share within 1 s), the slow
uploads' answers, and the service's count of the slow stream.

With MODE "refused", each slow upload declares a raw 4096x4096 body of 20 MB instead (over the 16 MB
limit: answered 413 before its body is read) and goes on trickling after its answer, for 30 s or until
the service closes the connection: what the service does with the unread body of a refused upload.

    scripts/slow-clients.py [PORT] [CONNECTIONS] [SMALL_FRAME_FILE] [MANAGEMENT_PORT] [MODE]

Readiness is asked on the management port (default PORT + 1, as 8080 and 8081).
"""
import json
import socket
import sys
import threading
import time
import urllib.request

port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
connections = int(sys.argv[2]) if len(sys.argv) > 2 else 300
small = open(sys.argv[3], "rb").read() if len(sys.argv) > 3 else bytes(640 * 480)
management_port = int(sys.argv[4]) if len(sys.argv) > 4 else port + 1
refused = len(sys.argv) > 5 and sys.argv[5] == "refused"
head = (b"POST /api/v1/frames?stream=slow&width=4096&height=4096 HTTP/1.1\r\nHost: x\r\n"
        b"Content-Type: application/octet-stream\r\nContent-Length: 20000000\r\n\r\n" if refused else
        b"POST /api/v1/frames?stream=slow&width=640&height=480 HTTP/1.1\r\nHost: x\r\n"
        b"Content-Type: application/octet-stream\r\nContent-Length: 307200\r\n\r\n")
base = f"http://127.0.0.1:{port}"
management = f"http://127.0.0.1:{management_port}"
answers = []
lock = threading.Lock()


def slow():
    s = socket.create_connection(("127.0.0.1", port), timeout=60)
    s.sendall(head)
    s.setblocking(False)
    status = None
    until = time.time() + (30 if refused else 60)
    while time.time() < until:
        try:
            data = s.recv(4096)
            if status is None:
                status = int(data.split(b" ")[1]) if data else -1
            if not refused or not data:
                break
        except BlockingIOError:
            pass
        except OSError:
            break
        try:
            s.send(b"x" * 10)
        except OSError:
            if refused:
                break
        time.sleep(2)
    if status is None:
        s.setblocking(True)
        try:
            data = s.recv(4096)
            status = int(data.split(b" ")[1]) if data else -1
        except OSError:
            status = -1
    s.close()
    with lock:
        answers.append(status)


def timed(request):
    start = time.time()
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            r.read()
            return r.status, time.time() - start
    except urllib.error.HTTPError as e:
        return e.code, time.time() - start
    except OSError:
        return -1, time.time() - start


threads = [threading.Thread(target=slow) for _ in range(connections)]
for t in threads:
    t.start()
time.sleep(1)
ready, frames = [], []
end = time.time() + 20
while time.time() < end:
    ready.append(timed(management + "/actuator/health/readiness"))
    frames.append(timed(urllib.request.Request(base + "/api/v1/frames?stream=normal&width=640&height=480",
                                               data=small, headers={"Content-Type": "application/octet-stream"})))
    time.sleep(max(0, 1 - ready[-1][1] - frames[-1][1]))
for t in threads:
    t.join()
fast = lambda xs: sum(1 for s, d in xs if s == 200 and d < 1.0)
print(f"readiness: {fast(ready)}/{len(ready)} answered 200 within 1 s; max {max(d for _, d in ready):.3f} s")
print(f"normal 640x480 frames: {fast(frames)}/{len(frames)} got 200 within 1 s; "
      f"max {max(d for _, d in frames):.3f} s")
statuses = {}
for a in answers:
    statuses[a] = statuses.get(a, 0) + 1
print(f"slow uploads ({connections}): answers {dict(sorted(statuses.items()))}")
stats = json.load(urllib.request.urlopen(base + "/api/v1/stats/slow", timeout=10))["frames"]
print(f"service counted the slow stream: {stats}")

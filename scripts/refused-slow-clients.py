#!/usr/bin/env python3
"""Refused slow clients against a running FramePipe (issue 15), standard library only.

CONNECTIONS connections (default 250) each declare a 20 MB raw body (over the 16 MB limit, so the
service answers 413 before reading it) and then go on sending 10 bytes every 2 s for 30 s, whatever
the answer. After 5 s a normal client posts a 640x480 frame every second, ten times. Prints the normal
frames' statuses and latencies and the answers the slow connections got.

    scripts/refused-slow-clients.py [PORT] [CONNECTIONS]
"""
import socket
import sys
import threading
import time
import urllib.request
from collections import Counter

port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
connections = int(sys.argv[2]) if len(sys.argv) > 2 else 250
answers = []
lock = threading.Lock()


def slow():
    s = socket.create_connection(("127.0.0.1", port), timeout=60)
    s.sendall(b"POST /api/v1/frames?stream=refused-slow&width=4096&height=4096 HTTP/1.1\r\nHost: x\r\n"
              b"Content-Type: application/octet-stream\r\nContent-Length: 20000000\r\n\r\n")
    s.setblocking(False)
    status = None
    until = time.time() + 30
    while time.time() < until:
        try:
            data = s.recv(4096)
            if data and status is None:
                status = int(data.split(b" ")[1])
            if not data:
                break
        except BlockingIOError:
            pass
        except OSError:
            break
        try:
            s.send(b"x" * 10)
        except OSError:
            break
        time.sleep(2)
    with lock:
        answers.append(status)


threads = [threading.Thread(target=slow, daemon=True) for _ in range(connections)]
for t in threads:
    t.start()
time.sleep(5)
frame = bytes(640 * 480)
normal = []
for _ in range(10):
    start = time.time()
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/frames?stream=normal&width=640&height=480",
            data=frame, headers={"Content-Type": "application/octet-stream"})
        with urllib.request.urlopen(request, timeout=10) as response:
            normal.append((response.status, round(time.time() - start, 3)))
    except Exception as e:  # a timeout or a refusal, printed as it is
        normal.append((str(e)[:40], round(time.time() - start, 3)))
    time.sleep(1)
print("normal frames (status, seconds):", normal)
for t in threads:
    t.join(40)
print("answers to the refused slow uploads (None: no answer):", dict(Counter(answers)))

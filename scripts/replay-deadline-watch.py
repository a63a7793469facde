#!/usr/bin/env python3
"""Replays candidate rules of the deadline watch (pipeline/DeadlineWatch) on traces of real frames.

Start the service with the watch judging but not abandoning, and its traces logged:

    java -jar target/framepipe-*.jar --framepipe.admission.abandon-late=false \
        --logging.level.dev.framepipe.pipeline.DeadlineWatch=DEBUG > app.log

put it under load (scripts/no-collapse.sh, scripts/overload.sh, or PackagedOverloadIT with the same two
arguments), then:

    scripts/replay-deadline-watch.py app.log [more.log ...]

Each trace is one large frame: its cautious estimate and forecast of processor time, whether it was answered
in time (failed frames, and frames a watch that abandons has abandoned, are left out), and a sample at each checkpoint the watch read (wall time since the frame started, processor time used,
time spent waiting for a processor). For every rule below and every log, the script prints how many frames that
finished in time the rule would have abandoned (each one a frame's work thrown away) and how many of the frames
that missed their deadline it would have caught before the deadline (each one a 504 avoided).
"""
import re
import statistics
import sys

LINE = re.compile(r"Watched frame: outcome=(\w+) expected=(\d+)us forecast=(\d+)us took=(\d+)us left=(-?\d+)us"
                  r" used=(\d+)us waited=(\d+)us samples=(.*)$")


def load(path):
    frames = []
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            m = LINE.search(line)
            if m and m.group(1) in ("ok", "overdue"):  # failed, or abandoned by a watch that abandons: no verdict
                outcome = m.group(1)
                expected, forecast, took, left, used = (int(m.group(i)) for i in range(2, 7))
                samples = [tuple(map(int, s)) for s in re.findall(r"(\d+),(\d+),(\d+);", m.group(8))]
                frames.append(dict(expected=expected, forecast=forecast, used=used, deadline=took + left,
                                   samples=samples, in_time=outcome == "ok" and left > 0))
    return frames


def rule(cost, floor, margin, history):
    """Abandon when margin x max(cost - used, floor x used) > pace x time left; pace judged after history."""
    def fires(frame, t, used, waited):
        pace = used / (used + waited) if t >= history and used >= 1000 else 1.0
        needed = max(frame[cost] - used, floor * used)
        return margin * needed > pace * (frame["deadline"] - t)
    return fires


RULES = {
    "ninth session: estimate, used/2, x1.25, 100 ms": rule("expected", 0.5, 1.25, 100_000),
    "forecast, used/2, x1.25, 100 ms": rule("forecast", 0.5, 1.25, 100_000),
    "forecast, used/4, x1.1, 100 ms": rule("forecast", 0.25, 1.1, 100_000),
    "tenth session: forecast, used/4, x1.1, 200 ms": rule("forecast", 0.25, 1.1, 200_000),
    "forecast, used/4, x1.0, 200 ms": rule("forecast", 0.25, 1.0, 200_000),
}


def replay(frames, fires):
    abandoned_in_time = caught = 0
    for frame in frames:
        for t, used, waited in frame["samples"]:
            if t >= frame["deadline"]:
                break
            if fires(frame, t, used, waited):
                if frame["in_time"]:
                    abandoned_in_time += 1
                else:
                    caught += 1
                break
    return abandoned_in_time, caught


def main(paths):
    logs = {path: load(path) for path in paths}
    for path, frames in logs.items():
        late = sum(not f["in_time"] for f in frames)
        print(f"{path}: {len(frames)} watched frames, {len(frames) - late} in time, {late} late", end="")
        in_time = [f for f in frames if f["in_time"]]
        if in_time:
            # How far the cautious estimate and the forecast were from what the frames answered in time used.
            print("; used / estimate, median %.2f; used / forecast, median %.2f" % (
                statistics.median(f["used"] / f["expected"] for f in in_time),
                statistics.median(f["used"] / f["forecast"] for f in in_time)), end="")
        print()
    print()
    print(f"{'rule':48s}" + "".join(f"{'log ' + str(i + 1):>30s}" for i in range(len(logs))))
    for name, fires in RULES.items():
        cells = []
        for frames in logs.values():
            in_time = sum(f["in_time"] for f in frames)
            abandoned, caught = replay(frames, fires)
            share = 100 * abandoned / in_time if in_time else 0
            cells.append(f"{abandoned:4d} ({share:4.1f} %) abandoned, {caught}/{len(frames) - in_time} caught")
        print(f"{name:48s}" + "".join(f"{c:>30s}" for c in cells))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])

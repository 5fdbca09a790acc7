#!/usr/bin/env python3
"""Works a gpio-sim input like a photo-eye or a button, with exact timing (one process: no program
start-up between steps), and logs "NANOSECONDS press|release" (CLOCK_MONOTONIC) at each edge that
counts. The input is active-low: press pulls it down, release pulls it up.

    trigger-sequence.py SIM_DIR OFFSET LOG STEP…
    STEP: press | release | bounce-press | bounce-release (three edges 2 ms apart, settling) | SECONDS (a pause)
"""
import sys
import time

sim, offset, log_path, steps = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
pull = open("%s/sim_gpio%d/pull" % (sim, offset), "w", buffering=1)


def drive(level):
    pull.write("pull-%s\n" % level)
    pull.flush()


with open(log_path, "a", buffering=1) as log:
    for step in steps:
        if step in ("press", "release"):
            t = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
            drive("down" if step == "press" else "up")
            log.write("%d %s\n" % (t, step))
        elif step in ("bounce-press", "bounce-release"):
            first, other = ("down", "up") if step == "bounce-press" else ("up", "down")
            t = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
            drive(first)
            time.sleep(0.002)
            drive(other)
            time.sleep(0.002)
            drive(first)
            # How long the bounce really took: a loaded host stretched 4 ms to 48 ms (the test's debounce_ms is
            # 150 so that the check still holds the debouncer, not the host's scheduling).
            span = (time.clock_gettime_ns(time.CLOCK_MONOTONIC) - t) / 1e6
            log.write("%d %s bounce %.1f ms\n" % (t, step.split("-")[1], span))
        else:
            time.sleep(float(step))

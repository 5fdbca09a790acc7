#!/usr/bin/env python3
"""Samples gpio-sim output lines every millisecond and logs each change as "NANOSECONDS OFFSET LEVEL"
(CLOCK_MONOTONIC): what the LEDs and the buzzer wired to those pins would do.

    line-sampler.py SIM_DIR LOG OFFSET…        until SIGTERM
"""
import os
import sys
import time

sim, log_path, offsets = sys.argv[1], sys.argv[2], [int(o) for o in sys.argv[3:]]
files = {o: os.open("%s/sim_gpio%d/value" % (sim, o), os.O_RDONLY) for o in offsets}
last = {}
with open(log_path, "a", buffering=1) as log:
    while True:
        now = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
        for o, fd in files.items():
            v = os.pread(fd, 4, 0)[:1]
            if last.get(o) != v:
                last[o] = v
                log.write("%d %d %s\n" % (now, o, v.decode()))
        time.sleep(0.001)

#!/usr/bin/env python3
"""Guest side of the latency measurement: reads /dev/ttyS2 (what the host relayed from ttyS1) raw and
logs each chunk as "NANOSECONDS HEXBYTES" on CLOCK_MONOTONIC, the clock of the trigger and frame logs.

    uart-probe.py DEVICE LOG        until SIGTERM
"""
import os
import sys
import termios
import time

fd = os.open(sys.argv[1], os.O_RDONLY | os.O_NOCTTY)
attrs = termios.tcgetattr(fd)
attrs[0] = 0                      # iflag: no translation
attrs[1] = 0                      # oflag
attrs[2] = termios.CS8 | termios.CREAD | termios.CLOCAL
attrs[3] = 0                      # lflag: raw, no echo
attrs[4] = attrs[5] = termios.B115200
attrs[6][termios.VMIN] = 1
attrs[6][termios.VTIME] = 0
termios.tcsetattr(fd, termios.TCSANOW, attrs)
with open(sys.argv[2], "a", buffering=1) as log:
    while True:
        data = os.read(fd, 4096)
        log.write("%d %s\n" % (time.clock_gettime_ns(time.CLOCK_MONOTONIC), data.hex()))

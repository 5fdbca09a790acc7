#!/usr/bin/env python3
"""Host side of the VM's scanner UART: reads every byte lumascan writes on the guest's /dev/ttyS1
(QEMU socket FIRST), appends it to LOG, and passes it straight on to the guest's /dev/ttyS2 (QEMU
socket SECOND), where uart-probe.py timestamps it on the guest's clock for the latency figures.

    serial-relay.py FIRST_SOCKET SECOND_SOCKET LOG        runs until FIRST closes (the VM powered off)
"""
import socket
import sys
import time


def connect(path):
    for _ in range(600):
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(path)
            return s
        except OSError:
            s.close()
            time.sleep(0.05)
    sys.exit("serial-relay: no QEMU socket at " + path)


first, second = connect(sys.argv[1]), connect(sys.argv[2])
with open(sys.argv[3], "ab", buffering=0) as log:
    while True:
        data = first.recv(4096)
        if not data:
            break
        log.write(data)
        try:
            second.sendall(data)
        except OSError:
            pass

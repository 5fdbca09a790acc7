/* Linux interfaces that Swift's Glibc module does not import: signalfd(2), timerfd_create(2),
   openpty(3), epoll(7) (one descriptor for several output links), prctl(2), and the termios/ioctl requests the
   serial port uses. Headers only: nothing to link (glibc 2.34+ has openpty in libc itself). */
#ifndef LUMASCAN_LINUX_SHIMS_H
#define LUMASCAN_LINUX_SHIMS_H

#include <pty.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <termios.h>

/* prctl(2) is variadic, which Swift does not import. */
static inline int lumascan_set_dumpable(int dumpable) {
    return prctl(PR_SET_DUMPABLE, (unsigned long)dumpable, 0UL, 0UL, 0UL);
}

/* Names the calling thread (top -H, /proc/PID/task/TID/comm; at most 15 bytes). */
static inline int lumascan_set_thread_name(const char *name) {
    return prctl(PR_SET_NAME, (unsigned long)name, 0UL, 0UL, 0UL);
}

#endif

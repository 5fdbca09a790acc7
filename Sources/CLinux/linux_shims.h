/* Linux interfaces that Swift's Glibc module does not import: signalfd(2), timerfd_create(2),
   openpty(3), epoll(7) (one descriptor for several output links), and the termios/ioctl requests the
   serial port uses. Headers only: nothing to link (glibc 2.34+ has openpty in libc itself). */
#ifndef LUMASCAN_LINUX_SHIMS_H
#define LUMASCAN_LINUX_SHIMS_H

#include <pty.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <termios.h>

#endif

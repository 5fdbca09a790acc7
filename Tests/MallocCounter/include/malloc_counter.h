#ifndef LUMASCAN_MALLOC_COUNTER_H
#define LUMASCAN_MALLOC_COUNTER_H

#include <stdint.h>

/* Counts heap allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc, memalign, valloc)
   made by the calling thread between start and stop. Linked into the test and benchmark executables
   only: defining malloc there interposes it for the whole process (the executable's symbols come first
   in the dynamic linker's search order); every call is passed on to glibc's own allocator. */

/* Signals stay blocked on the calling thread from start to stop (a signal handler's allocations would
   be counted otherwise). */
void malloc_counter_start(void);
/* Stops counting and returns the number of allocations since start. */
uint64_t malloc_counter_stop(void);
/* Allocations counted so far (counting or not). */
uint64_t malloc_counter_current(void);
/* 1 when the interposer is active (malloc really went through it since the process started). */
int malloc_counter_is_active(void);

#endif

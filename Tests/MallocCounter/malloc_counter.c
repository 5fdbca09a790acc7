#define _GNU_SOURCE
#include "malloc_counter.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>

/* glibc's allocator entry points, which stay reachable under these names when malloc is interposed. */
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);
extern void __libc_free(void *ptr);
extern void *__libc_memalign(size_t alignment, size_t size);

static __thread int counting;
static __thread uint64_t allocations;
static __thread sigset_t mask_before_counting;
static int seen_any;

static inline void note(void) {
    seen_any = 1;
    if (counting) allocations++;
}

void *malloc(size_t size) {
    note();
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    note();
    return __libc_calloc(count, size);
}

void *realloc(void *ptr, size_t size) {
    note();
    return __libc_realloc(ptr, size);
}

void free(void *ptr) { __libc_free(ptr); }

int posix_memalign(void **out, size_t alignment, size_t size) {
    note();
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) return EINVAL;
    void *p = __libc_memalign(alignment, size);
    if (p == NULL && size != 0) return ENOMEM;
    *out = p;
    return 0;
}

void *aligned_alloc(size_t alignment, size_t size) {
    note();
    return __libc_memalign(alignment, size);
}

void *memalign(size_t alignment, size_t size) {
    note();
    return __libc_memalign(alignment, size);
}

void *valloc(size_t size) {
    note();
    return __libc_memalign(4096, size);
}

/* Signals are blocked on the counting thread while it counts: a signal sent to the process (SIGCHLD
   when another test's child process exits) is delivered to some thread that does not block it, and a
   handler run here would count its allocations as the measured code's. They are delivered elsewhere,
   or here once counting stops. */
void malloc_counter_start(void) {
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &mask_before_counting);
    allocations = 0;
    counting = 1;
}

uint64_t malloc_counter_stop(void) {
    counting = 0;
    uint64_t counted = allocations;
    pthread_sigmask(SIG_SETMASK, &mask_before_counting, NULL);
    return counted;
}

uint64_t malloc_counter_current(void) { return allocations; }

int malloc_counter_is_active(void) { return seen_any; }

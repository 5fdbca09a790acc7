/* Streams frames into a V4L2 output node (vivid's, looped back to its capture node) on a schedule,
   and logs when each marked frame was queued, for the hardware tests' latency figures.

     vivid-feed DEVICE WIDTH HEIGHT FOURCC SCHEDULE LOG [loop]

   SCHEDULE: lines "FILE COUNT": COUNT frames of the one-frame raw file FILE, in order (with "loop",
   again and again until SIGTERM). LOG gets "NANOSECONDS FILE" (CLOCK_MONOTONIC) each time a file whose
   name does not start with "blank" is queued after a different one. Two mmap buffers, so that a frame
   reaches the display one frame interval after it is queued. Exits 0 when the schedule is done, on
   SIGTERM, or when the device goes away (ENODEV: vivid unbound). */
#include <errno.h>
#include <fcntl.h>
#include <linux/videodev2.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop;
static void on_term(int s) { (void)s; stop = 1; }

struct entry { char name[512]; unsigned char *data; long count; };

static int xioctl(int fd, unsigned long r, void *a) {
    int x;
    do { x = ioctl(fd, r, a); } while (x == -1 && errno == EINTR && !stop);
    return x;
}

static unsigned long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (unsigned long long)t.tv_sec * 1000000000ull + (unsigned long long)t.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc < 7) { fprintf(stderr, "usage: vivid-feed DEVICE WIDTH HEIGHT FOURCC SCHEDULE LOG [loop]\n"); return 64; }
    int loop = argc > 7 && strcmp(argv[7], "loop") == 0;
    signal(SIGTERM, on_term);
    signal(SIGINT, on_term);
    int fd = open(argv[1], O_RDWR);
    if (fd < 0) { perror(argv[1]); return 1; }
    struct v4l2_format f;
    memset(&f, 0, sizeof f);
    f.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
    f.fmt.pix.width = (unsigned)atoi(argv[2]);
    f.fmt.pix.height = (unsigned)atoi(argv[3]);
    f.fmt.pix.pixelformat = v4l2_fourcc(argv[4][0], argv[4][1], argv[4][2], argv[4][3]);
    f.fmt.pix.field = V4L2_FIELD_NONE;
    if (xioctl(fd, VIDIOC_S_FMT, &f) != 0) { perror("S_FMT"); return 1; }
    size_t frame = f.fmt.pix.sizeimage;

    struct entry *entries = calloc(64, sizeof *entries);
    int n = 0;
    FILE *s = fopen(argv[5], "r");
    if (!s) { perror(argv[5]); return 1; }
    while (n < 64 && fscanf(s, "%511s %ld", entries[n].name, &entries[n].count) == 2) {
        FILE *ff = fopen(entries[n].name, "rb");
        if (!ff) { perror(entries[n].name); return 1; }
        entries[n].data = calloc(1, frame);
        size_t got = fread(entries[n].data, 1, frame, ff);
        fclose(ff);
        if (got != frame) { fprintf(stderr, "%s: %zu bytes, the format needs %zu\n", entries[n].name, got, frame); return 1; }
        n++;
    }
    fclose(s);
    FILE *log = fopen(argv[6], "a");
    if (!log || n == 0) { fprintf(stderr, "vivid-feed: no log or empty schedule\n"); return 1; }

    struct v4l2_requestbuffers rb = { .count = 2, .type = V4L2_BUF_TYPE_VIDEO_OUTPUT, .memory = V4L2_MEMORY_MMAP };
    if (xioctl(fd, VIDIOC_REQBUFS, &rb) != 0 || rb.count < 2) { perror("REQBUFS"); return 1; }
    void *maps[8];
    size_t lengths[8];
    for (unsigned i = 0; i < rb.count && i < 8; i++) {
        struct v4l2_buffer b = { .index = i, .type = V4L2_BUF_TYPE_VIDEO_OUTPUT, .memory = V4L2_MEMORY_MMAP };
        if (xioctl(fd, VIDIOC_QUERYBUF, &b) != 0) { perror("QUERYBUF"); return 1; }
        lengths[i] = b.length;
        maps[i] = mmap(NULL, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, b.m.offset);
        if (maps[i] == MAP_FAILED) { perror("mmap"); return 1; }
    }
    int e = 0;
    long left = entries[0].count;
    const char *previous = "";
    unsigned queued = 0;
    int started = 0;
    while (!stop) {
        struct v4l2_buffer b = { .type = V4L2_BUF_TYPE_VIDEO_OUTPUT, .memory = V4L2_MEMORY_MMAP };
        if (queued < rb.count) {
            b.index = queued++;
        } else if (xioctl(fd, VIDIOC_DQBUF, &b) != 0) {
            if (errno == ENODEV || stop) break;
            perror("DQBUF");
            return 1;
        }
        while (left <= 0) {
            if (++e >= n) {
                if (!loop) goto done;
                e = 0;
            }
            left = entries[e].count;
        }
        memcpy(maps[b.index], entries[e].data, frame < lengths[b.index] ? frame : lengths[b.index]);
        b.bytesused = (unsigned)frame;
        b.field = V4L2_FIELD_NONE;
        unsigned long long t = now_ns();
        if (xioctl(fd, VIDIOC_QBUF, &b) != 0) {
            if (errno == ENODEV || stop) break;
            perror("QBUF");
            return 1;
        }
        const char *base = strrchr(entries[e].name, '/');
        base = base ? base + 1 : entries[e].name;
        if (strcmp(previous, entries[e].name) != 0 && strncmp(base, "blank", 5) != 0) {
            fprintf(log, "%llu %s\n", t, base);
            fflush(log);
        }
        previous = entries[e].name;
        left--;
        if (!started && queued == rb.count) {
            int type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
            if (xioctl(fd, VIDIOC_STREAMON, &type) != 0) { perror("STREAMON"); return 1; }
            started = 1;
        }
    }
done:
    if (started) {
        int type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
        xioctl(fd, VIDIOC_STREAMOFF, &type);
    }
    close(fd);
    return 0;
}

/* V4L2 through libv4l2 (v4l2_open/v4l2_ioctl/v4l2_mmap), as small typed calls Swift can import:
   the VIDIOC_* request numbers are function-like macros Swift cannot see, and v4l2_format and
   v4l2_buffer are unions that are clearer to fill in C. Every call retries EINTR and returns 0 or -1
   with errno set. Nothing here allocates; libv4l2 converts formats the camera lacks (YUV420 from
   MJPEG or YUYV) inside v4l2_ioctl when the format was negotiated through it. */
#ifndef LUMASCAN_V4L2_SHIM_H
#define LUMASCAN_V4L2_SHIM_H

#include <errno.h>
#include <fcntl.h>
#include <libv4l2.h>
#include <linux/videodev2.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

static inline int lumascan_v4l2_xioctl(int fd, unsigned long request, void *arg) {
    int r;
    do { r = v4l2_ioctl(fd, request, arg); } while (r == -1 && errno == EINTR);
    return r;
}

static inline int lumascan_v4l2_open(const char *path) {
    return v4l2_open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
}

static inline int lumascan_v4l2_close(int fd) { return v4l2_close(fd); }

/* Driver, card and bus names (each buffer at least 32 bytes) and the device capabilities. */
static inline int lumascan_v4l2_querycap(int fd, char *driver, char *card, char *bus, uint32_t *caps) {
    struct v4l2_capability cap;
    memset(&cap, 0, sizeof cap);
    if (lumascan_v4l2_xioctl(fd, VIDIOC_QUERYCAP, &cap) != 0) return -1;
    memcpy(driver, cap.driver, 16); driver[16] = 0;
    memcpy(card, cap.card, 32); card[31] = 0;
    memcpy(bus, cap.bus_info, 32); bus[31] = 0;
    *caps = (cap.capabilities & V4L2_CAP_DEVICE_CAPS) ? cap.device_caps : cap.capabilities;
    return 0;
}

static inline uint32_t lumascan_v4l2_cap_video_capture(void) { return V4L2_CAP_VIDEO_CAPTURE; }
static inline uint32_t lumascan_v4l2_cap_streaming(void) { return V4L2_CAP_STREAMING; }
static inline uint32_t lumascan_v4l2_fmt_flag_emulated(void) { return V4L2_FMT_FLAG_EMULATED; }

/* The index-th capture format: its fourcc, flags (V4L2_FMT_FLAG_EMULATED for libv4lconvert's) and
   description (at least 32 bytes). -1 with EINVAL past the last. */
static inline int lumascan_v4l2_enum_format(int fd, uint32_t index, uint32_t *fourcc, uint32_t *flags, char *desc) {
    struct v4l2_fmtdesc f;
    memset(&f, 0, sizeof f);
    f.index = index;
    f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (lumascan_v4l2_xioctl(fd, VIDIOC_ENUM_FMT, &f) != 0) return -1;
    *fourcc = f.pixelformat;
    *flags = f.flags;
    memcpy(desc, f.description, 32); desc[31] = 0;
    return 0;
}

/* The index-th frame size of a format: discrete (kind 1, width x height) or a range (kind 2 stepwise
   or 3 continuous: min and max in width/height and max_width/max_height). */
static inline int lumascan_v4l2_enum_size(int fd, uint32_t fourcc, uint32_t index, uint32_t *kind,
                                          uint32_t *width, uint32_t *height, uint32_t *maxWidth, uint32_t *maxHeight) {
    struct v4l2_frmsizeenum s;
    memset(&s, 0, sizeof s);
    s.index = index;
    s.pixel_format = fourcc;
    if (lumascan_v4l2_xioctl(fd, VIDIOC_ENUM_FRAMESIZES, &s) != 0) return -1;
    *kind = s.type;
    if (s.type == V4L2_FRMSIZE_TYPE_DISCRETE) {
        *width = s.discrete.width; *height = s.discrete.height;
        *maxWidth = s.discrete.width; *maxHeight = s.discrete.height;
    } else {
        *width = s.stepwise.min_width; *height = s.stepwise.min_height;
        *maxWidth = s.stepwise.max_width; *maxHeight = s.stepwise.max_height;
    }
    return 0;
}

/* Asks for a capture format; the driver (or libv4l2) answers with what it will deliver. */
static inline int lumascan_v4l2_set_format(int fd, uint32_t *width, uint32_t *height, uint32_t *fourcc,
                                           uint32_t *bytesPerLine, uint32_t *sizeImage) {
    struct v4l2_format f;
    memset(&f, 0, sizeof f);
    f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    f.fmt.pix.width = *width;
    f.fmt.pix.height = *height;
    f.fmt.pix.pixelformat = *fourcc;
    f.fmt.pix.field = V4L2_FIELD_NONE;
    if (lumascan_v4l2_xioctl(fd, VIDIOC_S_FMT, &f) != 0) return -1;
    *width = f.fmt.pix.width;
    *height = f.fmt.pix.height;
    *fourcc = f.fmt.pix.pixelformat;
    *bytesPerLine = f.fmt.pix.bytesperline;
    *sizeImage = f.fmt.pix.sizeimage;
    return 0;
}

/* Asks for a frame interval of denominator/numerator frames per second; answers with the one set.
   -1 when the driver cannot set it (not every camera can). */
static inline int lumascan_v4l2_set_frame_rate(int fd, uint32_t *numerator, uint32_t *denominator) {
    struct v4l2_streamparm p;
    memset(&p, 0, sizeof p);
    p.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (lumascan_v4l2_xioctl(fd, VIDIOC_G_PARM, &p) != 0) return -1;
    if (!(p.parm.capture.capability & V4L2_CAP_TIMEPERFRAME)) { errno = ENOTTY; return -1; }
    p.parm.capture.timeperframe.numerator = *numerator;
    p.parm.capture.timeperframe.denominator = *denominator;
    if (lumascan_v4l2_xioctl(fd, VIDIOC_S_PARM, &p) != 0) return -1;
    *numerator = p.parm.capture.timeperframe.numerator;
    *denominator = p.parm.capture.timeperframe.denominator;
    return 0;
}

/* Memory-mapped buffers: asks for count (0 frees them all); answers with how many the driver gave. */
static inline int lumascan_v4l2_request_buffers(int fd, uint32_t *count) {
    struct v4l2_requestbuffers r;
    memset(&r, 0, sizeof r);
    r.count = *count;
    r.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    r.memory = V4L2_MEMORY_MMAP;
    if (lumascan_v4l2_xioctl(fd, VIDIOC_REQBUFS, &r) != 0) return -1;
    *count = r.count;
    return 0;
}

static inline void *lumascan_v4l2_map_buffer(int fd, uint32_t index, uint32_t *length) {
    struct v4l2_buffer b;
    memset(&b, 0, sizeof b);
    b.index = index;
    b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    b.memory = V4L2_MEMORY_MMAP;
    if (lumascan_v4l2_xioctl(fd, VIDIOC_QUERYBUF, &b) != 0) return MAP_FAILED;
    *length = b.length;
    return v4l2_mmap(NULL, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, b.m.offset);
}

static inline int lumascan_v4l2_unmap_buffer(void *start, uint32_t length) { return v4l2_munmap(start, length); }

static inline int lumascan_v4l2_queue_buffer(int fd, uint32_t index) {
    struct v4l2_buffer b;
    memset(&b, 0, sizeof b);
    b.index = index;
    b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    b.memory = V4L2_MEMORY_MMAP;
    return lumascan_v4l2_xioctl(fd, VIDIOC_QBUF, &b);
}

/* Takes a filled buffer without waiting (-1 with EAGAIN when none is ready). The timestamp is in
   nanoseconds of CLOCK_MONOTONIC when the driver says so (*monotonic = 1), as nearly every driver does. */
static inline int lumascan_v4l2_dequeue_buffer(int fd, uint32_t *index, uint32_t *bytesUsed, uint32_t *sequence,
                                               uint64_t *timestampNanoseconds, int *monotonic, int *corrupted) {
    struct v4l2_buffer b;
    memset(&b, 0, sizeof b);
    b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    b.memory = V4L2_MEMORY_MMAP;
    if (lumascan_v4l2_xioctl(fd, VIDIOC_DQBUF, &b) != 0) return -1;
    *index = b.index;
    *bytesUsed = b.bytesused;
    *sequence = b.sequence;
    *timestampNanoseconds = (uint64_t)b.timestamp.tv_sec * 1000000000u + (uint64_t)b.timestamp.tv_usec * 1000u;
    *monotonic = (b.flags & V4L2_BUF_FLAG_TIMESTAMP_MASK) == V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC;
    *corrupted = (b.flags & V4L2_BUF_FLAG_ERROR) != 0;
    return 0;
}

static inline int lumascan_v4l2_stream(int fd, int on) {
    int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    return lumascan_v4l2_xioctl(fd, on ? VIDIOC_STREAMON : VIDIOC_STREAMOFF, &type);
}

/* Controls. Enumerates with id | V4L2_CTRL_FLAG_NEXT_CTRL from 0; name at least 32 bytes. Types: 1
   integer, 2 boolean, 3 menu, 4 button, 9 integer menu, others not settable by value here. */
static inline int lumascan_v4l2_query_control(int fd, uint32_t id, int next, uint32_t *foundID, uint32_t *type,
                                              int32_t *minimum, int32_t *maximum, int32_t *step, int32_t *defaultValue,
                                              uint32_t *flags, char *name) {
    struct v4l2_queryctrl q;
    memset(&q, 0, sizeof q);
    q.id = next ? (id | V4L2_CTRL_FLAG_NEXT_CTRL) : id;
    if (lumascan_v4l2_xioctl(fd, VIDIOC_QUERYCTRL, &q) != 0) return -1;
    *foundID = q.id;
    *type = q.type;
    *minimum = q.minimum; *maximum = q.maximum; *step = q.step; *defaultValue = q.default_value;
    *flags = q.flags;
    memcpy(name, q.name, 32); name[31] = 0;
    return 0;
}

static inline int lumascan_v4l2_set_control(int fd, uint32_t id, int32_t value) {
    struct v4l2_control c = { .id = id, .value = value };
    return lumascan_v4l2_xioctl(fd, VIDIOC_S_CTRL, &c);
}

static inline int lumascan_v4l2_get_control(int fd, uint32_t id, int32_t *value) {
    struct v4l2_control c = { .id = id, .value = 0 };
    if (lumascan_v4l2_xioctl(fd, VIDIOC_G_CTRL, &c) != 0) return -1;
    *value = c.value;
    return 0;
}

static inline uint32_t lumascan_v4l2_ctrl_flag_disabled(void) { return V4L2_CTRL_FLAG_DISABLED; }
static inline uint32_t lumascan_v4l2_ctrl_flag_read_only(void) { return V4L2_CTRL_FLAG_READ_ONLY; }
static inline uint32_t lumascan_v4l2_ctrl_flag_inactive(void) { return V4L2_CTRL_FLAG_INACTIVE; }
static inline uint32_t lumascan_v4l2_cid_exposure_auto(void) { return V4L2_CID_EXPOSURE_AUTO; }
static inline uint32_t lumascan_v4l2_cid_exposure_absolute(void) { return V4L2_CID_EXPOSURE_ABSOLUTE; }
static inline uint32_t lumascan_v4l2_cid_exposure(void) { return V4L2_CID_EXPOSURE; }
static inline uint32_t lumascan_v4l2_cid_gain(void) { return V4L2_CID_GAIN; }
static inline uint32_t lumascan_v4l2_cid_analogue_gain(void) { return V4L2_CID_ANALOGUE_GAIN; }
static inline uint32_t lumascan_v4l2_cid_autogain(void) { return V4L2_CID_AUTOGAIN; }
static inline uint32_t lumascan_v4l2_cid_focus_auto(void) { return V4L2_CID_FOCUS_AUTO; }
static inline uint32_t lumascan_v4l2_cid_focus_absolute(void) { return V4L2_CID_FOCUS_ABSOLUTE; }
static inline int32_t lumascan_v4l2_exposure_manual(void) { return V4L2_EXPOSURE_MANUAL; }
static inline int32_t lumascan_v4l2_exposure_aperture_priority(void) { return V4L2_EXPOSURE_APERTURE_PRIORITY; }

#endif

/* One small C API over libgpiod 1.6 (Debian bookworm, Pi OS bookworm) and 2.x (trixie), chosen when
   this header is compiled: libgpiod 1.x's gpiod.h defines GPIOD_LINE_BULK_MAX_LINES, 2.x's does not.
   Swift sees only the lumascan_gpio_* functions, so one Swift driver serves both.

   Levels here are physical (1 = the pin is high): polarity (active-low wiring) and debouncing are
   done in Swift, the same way for both versions. Requests are made at start-up (they allocate);
   setting a level and reading an edge event allocate nothing. */
#ifndef LUMASCAN_GPIOD_SHIM_H
#define LUMASCAN_GPIOD_SHIM_H

#include <errno.h>
#include <gpiod.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(GPIOD_LINE_BULK_MAX_LINES)
#define LUMASCAN_GPIOD_MAJOR 1
#else
#define LUMASCAN_GPIOD_MAJOR 2
#endif

/* Bias of an input line. */
enum lumascan_gpio_bias {
    LUMASCAN_GPIO_BIAS_AS_IS = 0,
    LUMASCAN_GPIO_BIAS_DISABLED = 1,
    LUMASCAN_GPIO_BIAS_PULL_UP = 2,
    LUMASCAN_GPIO_BIAS_PULL_DOWN = 3,
};

/* A requested line: an output, or an input with edge events. */
struct lumascan_gpio_request {
#if LUMASCAN_GPIOD_MAJOR == 1
    struct gpiod_line *line;
#else
    struct gpiod_line_request *request;
    struct gpiod_edge_event_buffer *events;
#endif
    unsigned int offset;
};

/* The libgpiod API the build uses (1 or 2) and the library's version string. */
static inline int lumascan_gpio_api_major(void) { return LUMASCAN_GPIOD_MAJOR; }

static inline const char *lumascan_gpio_library_version(void) {
#if LUMASCAN_GPIOD_MAJOR == 1
    return gpiod_version_string();
#else
    return gpiod_api_version();
#endif
}

/* Opens a chip by its device path (/dev/gpiochip0). NULL with errno on failure. */
static inline struct gpiod_chip *lumascan_gpio_chip_open(const char *path) { return gpiod_chip_open(path); }

static inline void lumascan_gpio_chip_close(struct gpiod_chip *chip) { gpiod_chip_close(chip); }

/* The chip's label and kernel name (copied into buffers of size capacity) and its number of lines. */
static inline int lumascan_gpio_chip_describe(struct gpiod_chip *chip, char *label, char *name, size_t capacity,
                                              unsigned int *lines) {
#if LUMASCAN_GPIOD_MAJOR == 1
    snprintf(label, capacity, "%s", gpiod_chip_label(chip));
    snprintf(name, capacity, "%s", gpiod_chip_name(chip));
    *lines = gpiod_chip_num_lines(chip);
    return 0;
#else
    struct gpiod_chip_info *info = gpiod_chip_get_info(chip);
    if (!info) return -1;
    snprintf(label, capacity, "%s", gpiod_chip_info_get_label(info));
    snprintf(name, capacity, "%s", gpiod_chip_info_get_name(info));
    *lines = (unsigned int)gpiod_chip_info_get_num_lines(info);
    gpiod_chip_info_free(info);
    return 0;
#endif
}

/* The offset of the line named name (GPIO17), or -1. */
static inline int lumascan_gpio_line_offset(struct gpiod_chip *chip, const char *name) {
#if LUMASCAN_GPIOD_MAJOR == 1
    struct gpiod_line *line = gpiod_chip_find_line(chip, name);
    return line ? (int)gpiod_line_offset(line) : -1;
#else
    return gpiod_chip_get_line_offset_from_name(chip, name);
#endif
}

/* A line's name and consumer ("" when none), whether it is in use and whether it is an output. */
static inline int lumascan_gpio_line_describe(struct gpiod_chip *chip, unsigned int offset, char *name,
                                              char *consumer, size_t capacity, bool *used, bool *output) {
#if LUMASCAN_GPIOD_MAJOR == 1
    struct gpiod_line *line = gpiod_chip_get_line(chip, offset);
    if (!line) return -1;
    snprintf(name, capacity, "%s", gpiod_line_name(line) ? gpiod_line_name(line) : "");
    snprintf(consumer, capacity, "%s", gpiod_line_consumer(line) ? gpiod_line_consumer(line) : "");
    *used = gpiod_line_is_used(line);
    *output = gpiod_line_direction(line) == GPIOD_LINE_DIRECTION_OUTPUT;
    return 0;
#else
    struct gpiod_line_info *info = gpiod_chip_get_line_info(chip, offset);
    if (!info) return -1;
    const char *n = gpiod_line_info_get_name(info), *c = gpiod_line_info_get_consumer(info);
    snprintf(name, capacity, "%s", n ? n : "");
    snprintf(consumer, capacity, "%s", c ? c : "");
    *used = gpiod_line_info_is_used(info);
    *output = gpiod_line_info_get_direction(info) == GPIOD_LINE_DIRECTION_OUTPUT;
    gpiod_line_info_free(info);
    return 0;
#endif
}

#if LUMASCAN_GPIOD_MAJOR == 2
/* Requests one line with the given settings (libgpiod 2.x). */
static inline struct gpiod_line_request *lumascan_gpio_request_v2(struct gpiod_chip *chip, unsigned int offset,
                                                                  const char *consumer, bool output, int value,
                                                                  int bias) {
    struct gpiod_line_settings *settings = gpiod_line_settings_new();
    struct gpiod_line_config *config = gpiod_line_config_new();
    struct gpiod_request_config *request = gpiod_request_config_new();
    struct gpiod_line_request *result = NULL;
    if (settings && config && request) {
        int ok = 0;
        if (output) {
            ok |= gpiod_line_settings_set_direction(settings, GPIOD_LINE_DIRECTION_OUTPUT);
            ok |= gpiod_line_settings_set_output_value(settings, value ? GPIOD_LINE_VALUE_ACTIVE : GPIOD_LINE_VALUE_INACTIVE);
        } else {
            ok |= gpiod_line_settings_set_direction(settings, GPIOD_LINE_DIRECTION_INPUT);
            ok |= gpiod_line_settings_set_edge_detection(settings, GPIOD_LINE_EDGE_BOTH);
            ok |= gpiod_line_settings_set_event_clock(settings, GPIOD_LINE_CLOCK_MONOTONIC);
            switch (bias) {
            case LUMASCAN_GPIO_BIAS_DISABLED: ok |= gpiod_line_settings_set_bias(settings, GPIOD_LINE_BIAS_DISABLED); break;
            case LUMASCAN_GPIO_BIAS_PULL_UP: ok |= gpiod_line_settings_set_bias(settings, GPIOD_LINE_BIAS_PULL_UP); break;
            case LUMASCAN_GPIO_BIAS_PULL_DOWN: ok |= gpiod_line_settings_set_bias(settings, GPIOD_LINE_BIAS_PULL_DOWN); break;
            default: break;
            }
        }
        gpiod_request_config_set_consumer(request, consumer);
        if (ok == 0 && gpiod_line_config_add_line_settings(config, &offset, 1, settings) == 0)
            result = gpiod_chip_request_lines(chip, request, config);
    }
    int saved = errno;
    gpiod_request_config_free(request);
    gpiod_line_config_free(config);
    gpiod_line_settings_free(settings);
    errno = saved;
    return result;
}
#endif

/* Requests line offset as an output driven to value (0 or 1) at once. NULL with errno on failure
   (EBUSY: another process holds the line). */
static inline struct lumascan_gpio_request *lumascan_gpio_request_output(struct gpiod_chip *chip, unsigned int offset,
                                                                         const char *consumer, int value) {
    struct lumascan_gpio_request *r = (struct lumascan_gpio_request *)calloc(1, sizeof *r);
    if (!r) return NULL;
    r->offset = offset;
#if LUMASCAN_GPIOD_MAJOR == 1
    r->line = gpiod_chip_get_line(chip, offset);
    if (r->line && gpiod_line_request_output(r->line, consumer, value) == 0) return r;
#else
    r->request = lumascan_gpio_request_v2(chip, offset, consumer, true, value, LUMASCAN_GPIO_BIAS_AS_IS);
    if (r->request) return r;
#endif
    int saved = errno;
    free(r);
    errno = saved;
    return NULL;
}

/* Requests line offset as an input reporting both edges, with a bias (enum lumascan_gpio_bias). */
static inline struct lumascan_gpio_request *lumascan_gpio_request_edges(struct gpiod_chip *chip, unsigned int offset,
                                                                        const char *consumer, int bias) {
    struct lumascan_gpio_request *r = (struct lumascan_gpio_request *)calloc(1, sizeof *r);
    if (!r) return NULL;
    r->offset = offset;
#if LUMASCAN_GPIOD_MAJOR == 1
    r->line = gpiod_chip_get_line(chip, offset);
    if (r->line) {
        struct gpiod_line_request_config config = { consumer, GPIOD_LINE_REQUEST_EVENT_BOTH_EDGES, 0 };
        switch (bias) {
        case LUMASCAN_GPIO_BIAS_DISABLED: config.flags = GPIOD_LINE_REQUEST_FLAG_BIAS_DISABLE; break;
        case LUMASCAN_GPIO_BIAS_PULL_UP: config.flags = GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP; break;
        case LUMASCAN_GPIO_BIAS_PULL_DOWN: config.flags = GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN; break;
        default: break;
        }
        if (gpiod_line_request(r->line, &config, 0) == 0) return r;
    }
#else
    r->events = gpiod_edge_event_buffer_new(1);
    if (r->events) {
        r->request = lumascan_gpio_request_v2(chip, offset, consumer, false, 0, bias);
        if (r->request) return r;
        gpiod_edge_event_buffer_free(r->events);
    }
#endif
    int saved = errno;
    free(r);
    errno = saved;
    return NULL;
}

/* Drives an output: 0 low, 1 high. */
static inline int lumascan_gpio_set(struct lumascan_gpio_request *r, int value) {
#if LUMASCAN_GPIOD_MAJOR == 1
    return gpiod_line_set_value(r->line, value);
#else
    return gpiod_line_request_set_value(r->request, r->offset, value ? GPIOD_LINE_VALUE_ACTIVE : GPIOD_LINE_VALUE_INACTIVE);
#endif
}

/* The line's physical level (0 or 1), or -1. */
static inline int lumascan_gpio_get(struct lumascan_gpio_request *r) {
#if LUMASCAN_GPIOD_MAJOR == 1
    return gpiod_line_get_value(r->line);
#else
    int v = gpiod_line_request_get_value(r->request, r->offset);
    return v == GPIOD_LINE_VALUE_ERROR ? -1 : (v == GPIOD_LINE_VALUE_ACTIVE);
#endif
}

/* The descriptor that becomes readable when an edge event is pending (inputs). */
static inline int lumascan_gpio_fd(struct lumascan_gpio_request *r) {
#if LUMASCAN_GPIOD_MAJOR == 1
    return gpiod_line_event_get_fd(r->line);
#else
    return gpiod_line_request_get_fd(r->request);
#endif
}

/* Takes one pending edge event without waiting: 1 (with *rising and the CLOCK_MONOTONIC timestamp),
   0 when none is pending, -1 on error. */
static inline int lumascan_gpio_read_event(struct lumascan_gpio_request *r, bool *rising, uint64_t *timestampNanoseconds) {
#if LUMASCAN_GPIOD_MAJOR == 1
    struct timespec zero = { 0, 0 };
    int w = gpiod_line_event_wait(r->line, &zero);
    if (w <= 0) return w;
    struct gpiod_line_event event;
    if (gpiod_line_event_read(r->line, &event) != 0) return -1;
    *rising = event.event_type == GPIOD_LINE_EVENT_RISING_EDGE;
    *timestampNanoseconds = (uint64_t)event.ts.tv_sec * 1000000000u + (uint64_t)event.ts.tv_nsec;
    return 1;
#else
    int w = gpiod_line_request_wait_edge_events(r->request, 0);
    if (w <= 0) return w;
    if (gpiod_line_request_read_edge_events(r->request, r->events, 1) < 1) return -1;
    struct gpiod_edge_event *event = gpiod_edge_event_buffer_get_event(r->events, 0);
    *rising = gpiod_edge_event_get_event_type(event) == GPIOD_EDGE_EVENT_RISING_EDGE;
    *timestampNanoseconds = gpiod_edge_event_get_timestamp_ns(event);
    return 1;
#endif
}

/* Gives the line back to the kernel. */
static inline void lumascan_gpio_release(struct lumascan_gpio_request *r) {
    if (!r) return;
#if LUMASCAN_GPIOD_MAJOR == 1
    gpiod_line_release(r->line);
#else
    gpiod_line_request_release(r->request);
    gpiod_edge_event_buffer_free(r->events);
#endif
    free(r);
}

#endif

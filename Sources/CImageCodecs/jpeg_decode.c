#include "image_codecs.h"

#include <stdio.h> /* before jpeglib.h, which uses FILE */
#include <jpeglib.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/* libjpeg calls error_exit on fatal errors and expects it not to return: jump back to the caller. */
struct error_context {
    struct jpeg_error_mgr manager;
    jmp_buf escape;
    char message[JMSG_LENGTH_MAX];
};

static void on_error(j_common_ptr info) {
    struct error_context *context = (struct error_context *)info->err;
    (*info->err->format_message)(info, context->message);
    longjmp(context->escape, 1);
}

static void on_message(j_common_ptr info) { (void)info; /* warnings: stay quiet, never print */ }

int lumascan_jpeg_decode_luma(const unsigned char *data, size_t size,
                              unsigned char **out, int *width, int *height,
                              char *err, size_t err_len) {
    struct jpeg_decompress_struct info;
    struct error_context context;
    unsigned char *volatile luma = NULL;

    memset(&info, 0, sizeof info);
    info.err = jpeg_std_error(&context.manager);
    context.manager.error_exit = on_error;
    context.manager.output_message = on_message;
    context.message[0] = 0;
    if (setjmp(context.escape)) {
        snprintf(err, err_len, "corrupt JPEG data (%s)", context.message);
        jpeg_destroy_decompress(&info);
        free(luma);
        return -1;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, (unsigned char *)data, (unsigned long)size);
    jpeg_read_header(&info, TRUE);
    /* Y of YCbCr is BT.601 luma: ask for greyscale output and libjpeg skips the colour conversion. */
    info.out_color_space = JCS_GRAYSCALE;
    jpeg_start_decompress(&info);
    if (info.output_width == 0 || info.output_height == 0 || info.output_width > 65536 ||
        info.output_height > 65536 || info.output_components != 1) {
        snprintf(err, err_len, "unsupported JPEG (%ux%u, %d components)", info.output_width,
                 info.output_height, info.output_components);
        jpeg_destroy_decompress(&info);
        return -1;
    }
    size_t row_bytes = info.output_width;
    luma = malloc(row_bytes * info.output_height);
    if (luma == NULL) {
        snprintf(err, err_len, "out of memory for a %ux%u JPEG", info.output_width, info.output_height);
        jpeg_destroy_decompress(&info);
        return -1;
    }
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = luma + row_bytes * info.output_scanline;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    *width = (int)info.output_width;
    *height = (int)info.output_height;
    jpeg_destroy_decompress(&info);
    *out = luma;
    return 0;
}

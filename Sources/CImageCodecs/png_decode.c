#include "image_codecs.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int lumascan_png_decode_luma(const unsigned char *data, size_t size,
                             unsigned char **out, int *width, int *height,
                             char *err, size_t err_len) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, data, size)) {
        snprintf(err, err_len, "not a readable PNG (%s)", image.message);
        return -1;
    }
    if (image.width == 0 || image.height == 0 || image.width > 65536 || image.height > 65536) {
        snprintf(err, err_len, "PNG size %ux%u is out of range", image.width, image.height);
        png_image_free(&image);
        return -1;
    }
    /* RGBA with sRGB-encoded 8-bit channels; alpha is read and then ignored, like Pillow's convert('L'). */
    image.format = PNG_FORMAT_RGBA;
    size_t pixels = (size_t)image.width * image.height;
    unsigned char *rgba = malloc(pixels * 4);
    unsigned char *luma = malloc(pixels);
    if (rgba == NULL || luma == NULL) {
        free(rgba);
        free(luma);
        png_image_free(&image);
        snprintf(err, err_len, "out of memory for a %ux%u PNG", image.width, image.height);
        return -1;
    }
    if (!png_image_finish_read(&image, NULL, rgba, 0, NULL)) {
        snprintf(err, err_len, "corrupt PNG data (%s)", image.message);
        free(rgba);
        free(luma);
        png_image_free(&image);
        return -1;
    }
    for (size_t i = 0; i < pixels; i++) {
        const unsigned char *p = rgba + 4 * i;
        /* L = R*299/1000 + G*587/1000 + B*114/1000, in 16-bit fixed point with rounding. */
        luma[i] = (unsigned char)((p[0] * 19595u + p[1] * 38470u + p[2] * 7471u + 0x8000u) >> 16);
    }
    free(rgba);
    *out = luma;
    *width = (int)image.width;
    *height = (int)image.height;
    return 0;
}

void lumascan_image_free(unsigned char *pixels) { free(pixels); }

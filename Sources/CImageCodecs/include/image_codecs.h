#ifndef LUMASCAN_IMAGE_CODECS_H
#define LUMASCAN_IMAGE_CODECS_H

#include <stddef.h>

/* Decodes PNG and JPEG files from memory into 8-bit luma for `lumascan decode` and the tests.
   These wrappers exist because libjpeg reports errors by longjmp, which Swift cannot take part in,
   and libpng's simplified API is easiest to drive from C. Not used on the frame path. */

/* Returns 0 on success and stores a malloc'd width*height luma buffer in *out (free with
   lumascan_image_free). On failure returns -1 and writes a message into err. Colour images are
   converted with ITU-R BT.601 weights (as Pillow's convert('L')); alpha is ignored. */
int lumascan_png_decode_luma(const unsigned char *data, size_t size,
                             unsigned char **out, int *width, int *height,
                             char *err, size_t err_len);

int lumascan_jpeg_decode_luma(const unsigned char *data, size_t size,
                              unsigned char **out, int *width, int *height,
                              char *err, size_t err_len);

void lumascan_image_free(unsigned char *pixels);

#endif

// A plain C face for gnuplot-iostream (Debian's libgnuplot-iostream-dev).
//
// A `fsgp_stream` is one gnuplot-iostream `Gnuplot` object writing either into a script file or
// into a running gnuplot process. Swift sees only this opaque pointer, strings and doubles:
// no Boost or C++ type crosses the boundary.
#ifndef CGNUPLOT_H
#define CGNUPLOT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fsgp_stream fsgp_stream;

/// Opens `path` for writing a gnuplot script. Returns NULL (and sets errno) on failure.
fsgp_stream *fsgp_open_script(const char *path);

/// Starts `command` (a shell command line, normally `gnuplot`) with the stream as its standard
/// input. Returns NULL if the process could not be started.
fsgp_stream *fsgp_open_process(const char *command);

/// Writes `text` as it is (the caller supplies newlines).
void fsgp_write(fsgp_stream *stream, const char *text);

/// Writes a gnuplot datablock `$name << EOD ... EOD` holding `rows` x `cols` doubles
/// (row-major), serialised by gnuplot-iostream. When `block_rows` > 0, a blank line follows every
/// `block_rows` rows, which is how gnuplot separates the scan lines of a surface grid.
void fsgp_datablock(fsgp_stream *stream, const char *name, const double *values,
                    size_t rows, size_t cols, size_t block_rows);

/// Writes a datablock in gnuplot's `matrix` format: `rows` lines of `cols` whole numbers
/// (row-major; an image's gray levels, written as integers), serialised by gnuplot-iostream but
/// without the `e` end-of-array line its inline data carries, which `matrix` would read as a row.
void fsgp_matrix_datablock(fsgp_stream *stream, const char *name, const double *values,
                           size_t rows, size_t cols);

/// Flushes and closes the stream. For a script, 0 when every byte reached the disk (flushed and
/// fsync'd), else -1 with errno saying why (ENOSPC, EFBIG, EIO). For a process, its exit status
/// as a shell reports it (0 on success, 127 when the command was not found), or -1 if waiting
/// for it failed.
int fsgp_close(fsgp_stream *stream);

#ifdef __cplusplus
}
#endif

#endif

// The one C++ file of the project: it owns the gnuplot-iostream objects.
#include "CGnuplot.h"

#include <csignal>
#include <cstdio>
#include <string>
#include <vector>
#include <sys/wait.h>
#include <unistd.h>

#include <gnuplot-iostream.h>

struct fsgp_stream {
    FILE *file;
    bool isProcess;
    Gnuplot *gp;
};

static fsgp_stream *wrap(FILE *file, bool isProcess) {
    if (!file) return nullptr;
    // A Gnuplot built on a FILE* fcloses it when destroyed. It gets a duplicate of our
    // descriptor, so that we keep the original to pclose (and read the exit status) or fclose
    // (and see a failed write) ourselves.
    int copy = dup(fileno(file));
    FILE *forGnuplot = copy < 0 ? nullptr : fdopen(copy, "w");
    if (!forGnuplot) {
        if (copy >= 0) close(copy);
        isProcess ? pclose(file) : std::fclose(file);
        return nullptr;
    }
    return new fsgp_stream{file, isProcess, new Gnuplot(forGnuplot)};
}

extern "C" fsgp_stream *fsgp_open_script(const char *path) {
    return wrap(std::fopen(path, "w"), false);
}

extern "C" fsgp_stream *fsgp_open_process(const char *command) {
    // A gnuplot that dies early must turn into an exit status we report, not into a SIGPIPE
    // that kills the caller mid-write.
    std::signal(SIGPIPE, SIG_IGN);
    return wrap(popen(command, "w"), true);
}

extern "C" void fsgp_write(fsgp_stream *stream, const char *text) {
    *stream->gp << text;
}

extern "C" void fsgp_datablock(fsgp_stream *stream, const char *name, const double *values,
                               size_t rows, size_t cols, size_t block_rows) {
    Gnuplot &gp = *stream->gp;
    gp << "$" << name << " << EOD\n";
    std::vector<std::vector<double>> table(rows, std::vector<double>(cols));
    for (size_t r = 0; r < rows; ++r)
        for (size_t c = 0; c < cols; ++c) table[r][c] = values[r * cols + c];
    if (block_rows == 0 || block_rows >= rows) {
        gp.send1d(table);
    } else {
        // send2d of blocks -> one blank line between blocks (gnuplot's grid format).
        std::vector<std::vector<std::vector<double>>> blocks;
        for (size_t r = 0; r < rows; r += block_rows) {
            size_t end = r + block_rows < rows ? r + block_rows : rows;
            blocks.emplace_back(table.begin() + r, table.begin() + end);
        }
        gp.send2d(blocks);
    }
    gp << "EOD\n";
}

extern "C" int fsgp_close(fsgp_stream *stream) {
    delete stream->gp;  // flushes, then closes its duplicate descriptor
    int status;
    if (stream->isProcess) {
        int raw = pclose(stream->file);
        status = raw == -1 ? -1 : (WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw));
    } else {
        status = std::fclose(stream->file) == 0 ? 0 : -1;
    }
    delete stream;
    return status;
}

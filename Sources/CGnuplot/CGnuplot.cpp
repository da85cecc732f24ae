#include <cmath>
// The one C++ file of the project: it owns the gnuplot-iostream objects.
#include "CGnuplot.h"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <mutex>
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

extern "C" void fsgp_matrix_datablock(fsgp_stream *stream, const char *name, const double *values,
                                      size_t rows, size_t cols) {
    Gnuplot &gp = *stream->gp;
    gp << "$" << name << " << EOD\n";
    std::vector<std::vector<long>> table(rows, std::vector<long>(cols));
    for (size_t r = 0; r < rows; ++r)
        for (size_t c = 0; c < cols; ++c) table[r][c] = std::lround(values[r * cols + c]);
    // What send1d writes, less its trailing "e" line.
    gnuplotio::top_level_array_sender(gp, table, gnuplotio::Mode1D(), gnuplotio::ModeText());
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

// Temporary files to remove when SIGINT or SIGTERM stops the process half-way through a render.
// The handler may use only async-signal-safe calls: it reads fixed buffers and calls unlink.
namespace {
constexpr int trackedCapacity = 64;
constexpr size_t pathCapacity = 4096;
char tracked[trackedCapacity][pathCapacity];
volatile sig_atomic_t inUse[trackedCapacity];
std::mutex trackingLock;  // between threads that track; the handler never takes it

extern "C" void removeTrackedAndRaise(int signal) {
    for (int i = 0; i < trackedCapacity; ++i)
        if (inUse[i]) unlink(tracked[i]);
    std::signal(signal, SIG_DFL);
    raise(signal);
}

void installHandlersOnce() {
    static bool installed = false;
    if (installed) return;
    installed = true;
    struct sigaction action = {};
    action.sa_handler = removeTrackedAndRaise;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}
}  // namespace

extern "C" int fsgp_track_temporary(const char *path) {
    if (std::strlen(path) >= pathCapacity) return -1;
    std::lock_guard<std::mutex> guard(trackingLock);
    installHandlersOnce();
    for (int i = 0; i < trackedCapacity; ++i) {
        if (!inUse[i]) {
            std::strcpy(tracked[i], path);
            inUse[i] = 1;
            return 0;
        }
    }
    return -1;
}

extern "C" void fsgp_untrack_temporary(const char *path) {
    std::lock_guard<std::mutex> guard(trackingLock);
    for (int i = 0; i < trackedCapacity; ++i)
        if (inUse[i] && std::strcmp(tracked[i], path) == 0) inUse[i] = 0;
}

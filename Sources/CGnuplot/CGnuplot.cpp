#include <cmath>
// The one C++ file of the project: it owns the gnuplot-iostream objects.
#include "CGnuplot.h"
#include "CInterrupts.h"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>
#include <cerrno>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gnuplot-iostream.h>

struct fsgp_stream {
    FILE *file;
    bool isProcess;
    Gnuplot *gp;
    pid_t child;  // the process's pid, or 0 for a script
    int failure;  // errno of the first write that failed, or 0
};

// Keeps the reason of the first failed write. The stream reports only that it failed, and errno
// does not survive its exception handling, so one byte is written directly to learn why (the
// file is discarded anyway: a full disk or a size limit refuses it again).
static void noteFailure(fsgp_stream *stream) {
    if (stream->failure != 0 || stream->gp->good()) return;
    errno = 0;
    bool refused = write(fileno(stream->file), "\n", 1) < 0;
    stream->failure = refused && errno ? errno : EIO;
}

static fsgp_stream *wrap(FILE *file, bool isProcess, pid_t child = 0) {
    if (!file) return nullptr;
    // A Gnuplot built on a FILE* fcloses it when destroyed. It gets a duplicate of our
    // descriptor, so that we keep the original to close ourselves: to see a failed write of a
    // script, or to end a process's input before waiting for its exit status.
    int copy = dup(fileno(file));
    FILE *forGnuplot = copy < 0 ? nullptr : fdopen(copy, "w");
    if (!forGnuplot) {
        if (copy >= 0) close(copy);
        std::fclose(file);
        if (isProcess) {
            waitpid(child, nullptr, 0);
            interrupts_untrack_child(child);
        }
        return nullptr;
    }
    return new fsgp_stream{file, isProcess, new Gnuplot(forGnuplot), child, 0};
}

extern "C" fsgp_stream *fsgp_open_script(const char *path) {
    return wrap(std::fopen(path, "w"), false);
}

// popen, keeping the child's pid so that a signal that ends this process can end it too. The
// shell execs the command, so the pid is the command's own (coreutils' timeout, which passes a
// TERM on to gnuplot).
extern "C" fsgp_stream *fsgp_open_process(const char *command) {
    // A gnuplot that dies early must turn into an exit status we report, not into a SIGPIPE
    // that kills the caller mid-write.
    std::signal(SIGPIPE, SIG_IGN);
    int ends[2];
    if (pipe2(ends, O_CLOEXEC) != 0) return nullptr;
    std::string line = std::string("exec ") + command;
    pid_t pid = interrupts_fork_tracked();
    if (pid < 0) {
        close(ends[0]);
        close(ends[1]);
        return nullptr;
    }
    if (pid == 0) {
        dup2(ends[0], STDIN_FILENO);
        execl("/bin/sh", "sh", "-c", line.c_str(), (char *)nullptr);
        _exit(127);
    }
    close(ends[0]);
    FILE *file = fdopen(ends[1], "w");
    if (!file) {
        close(ends[1]);
        waitpid(pid, nullptr, 0);
        interrupts_untrack_child(pid);
        return nullptr;
    }
    return wrap(file, true, pid);
}

extern "C" void fsgp_write(fsgp_stream *stream, const char *text) {
    errno = 0;
    *stream->gp << text;
    noteFailure(stream);
}

extern "C" void fsgp_datablock(fsgp_stream *stream, const char *name, const double *values,
                               size_t rows, size_t cols, size_t block_rows) {
    Gnuplot &gp = *stream->gp;
    errno = 0;
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
    noteFailure(stream);
}

extern "C" void fsgp_matrix_datablock(fsgp_stream *stream, const char *name, const double *values,
                                      size_t rows, size_t cols) {
    Gnuplot &gp = *stream->gp;
    errno = 0;
    gp << "$" << name << " << EOD\n";
    std::vector<std::vector<long>> table(rows, std::vector<long>(cols));
    for (size_t r = 0; r < rows; ++r)
        for (size_t c = 0; c < cols; ++c) table[r][c] = std::lround(values[r * cols + c]);
    // What send1d writes, less its trailing "e" line.
    gnuplotio::top_level_array_sender(gp, table, gnuplotio::Mode1D(), gnuplotio::ModeText());
    gp << "EOD\n";
    noteFailure(stream);
}

extern "C" int fsgp_close(fsgp_stream *stream) {
    // A failed write (a full disk, a file-size limit) leaves the Gnuplot stream bad: that, not
    // only the final close, decides whether the script was written whole.
    errno = 0;
    try {
        stream->gp->flush();
    } catch (...) {
        if (stream->failure == 0) stream->failure = errno ? errno : EIO;
    }
    noteFailure(stream);
    int failure = stream->failure;
    bool written = failure == 0;
    delete stream->gp;  // closes its duplicate descriptor
    int status;
    if (stream->isProcess) {
        std::fclose(stream->file);  // gnuplot sees the end of its input
        int raw;
        pid_t waited;
        do {
            waited = waitpid(stream->child, &raw, 0);
        } while (waited < 0 && errno == EINTR);
        interrupts_untrack_child(stream->child);
        status = waited < 0 ? -1 : (WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw));
    } else {
        if (written && (std::fflush(stream->file) != 0 || fsync(fileno(stream->file)) != 0)) {
            written = false;
            failure = errno;
        }
        if (std::fclose(stream->file) != 0 && written) {
            written = false;
            failure = errno;
        }
        status = written ? 0 : -1;
        if (!written) errno = failure ? failure : EIO;
    }
    delete stream;
    return status;
}

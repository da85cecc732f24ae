// What a signal must undo before it ends a tool: half-written temporary files (figures, downloads)
// are removed and child processes (gnuplot and its wrappers) are stopped, then the signal ends the
// process as it would have.
#ifndef CINTERRUPTS_H
#define CINTERRUPTS_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Installs, once, handlers for SIGINT, SIGTERM, SIGHUP and SIGQUIT that stop the tracked
/// children and wait for them (2 s, then SIGKILL), unlink every tracked temporary file and then
/// re-raise the signal; and ignores
/// SIGXFSZ, so that a file-size limit is a write error rather than a kill.
void interrupts_install_handlers(void);

/// Registers a temporary file to be removed if a signal stops the process before it is
/// untracked (renamed into place or removed); installs the handlers if not yet done. At most
/// 64 paths of up to 4095 bytes are tracked at once; returns 0, or -1 when the path is not tracked.
int interrupts_track_temporary(const char *path);

/// Stops tracking `path` (after it was renamed into place or removed).
void interrupts_untrack_temporary(const char *path);

/// Registers a child process to receive SIGTERM if a signal ends this process; returns 0, or -1
/// when all 64 places are taken.
int interrupts_track_child(pid_t pid);

/// `fork`, with the child tracked before any ending signal can arrive: a signal between the fork
/// and the tracking would leave a child running that no handler stops. Returns fork's result.
pid_t interrupts_fork_tracked(void);

/// Stops tracking `pid` (after it was waited for).
void interrupts_untrack_child(pid_t pid);

#ifdef __cplusplus
}
#endif

#endif

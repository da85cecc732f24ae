#include "CInterrupts.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

// The handler may use only async-signal-safe calls: it reads fixed arrays and calls kill,
// waitpid, nanosleep, unlink and raise. Threads that track take the lock; the handler never does.
enum { capacity = 64, pathCapacity = 4096 };
static char tracked[capacity][pathCapacity];
static volatile sig_atomic_t inUse[capacity];
static volatile sig_atomic_t children[capacity];
static pthread_mutex_t trackingLock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t installed = PTHREAD_ONCE_INIT;

// Whether every tracked child has ended (reaped here, or by the thread that waits for it).
static int childrenEnded(void) {
    int running = 0;
    for (int i = 0; i < capacity; ++i) {
        pid_t child = children[i];
        if (child <= 0) continue;
        pid_t reaped = waitpid(child, NULL, WNOHANG);
        if (reaped == 0 || (reaped < 0 && errno == EINTR)) running = 1;
    }
    return !running;
}

static void undoAndRaise(int signalNumber) {
    int saved = errno;
    for (int i = 0; i < capacity; ++i)
        if (children[i] > 0) kill(children[i], SIGTERM);
    // The children end before the files go: a child still starting could otherwise create its
    // file (gnuplot's error output) after the unlink. Two seconds for TERM, then KILL.
    struct timespec pause = {0, 10 * 1000 * 1000};
    for (int tries = 0; tries < 200 && !childrenEnded(); ++tries) nanosleep(&pause, NULL);
    if (!childrenEnded()) {
        for (int i = 0; i < capacity; ++i)
            if (children[i] > 0) kill(children[i], SIGKILL);
        for (int tries = 0; tries < 100 && !childrenEnded(); ++tries) nanosleep(&pause, NULL);
    }
    for (int i = 0; i < capacity; ++i)
        if (inUse[i]) unlink(tracked[i]);
    errno = saved;
    signal(signalNumber, SIG_DFL);
    raise(signalNumber);
}

static void install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = undoAndRaise;
    sigemptyset(&action.sa_mask);
    const int ending[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    for (size_t i = 0; i < sizeof ending / sizeof ending[0]; ++i) sigaction(ending[i], &action, NULL);
    signal(SIGXFSZ, SIG_IGN);
}

void interrupts_install_handlers(void) { pthread_once(&installed, install); }

int interrupts_track_temporary(const char *path) {
    if (strlen(path) >= pathCapacity) return -1;
    interrupts_install_handlers();
    int result = -1;
    pthread_mutex_lock(&trackingLock);
    for (int i = 0; i < capacity; ++i) {
        if (!inUse[i]) {
            strcpy(tracked[i], path);
            inUse[i] = 1;
            result = 0;
            break;
        }
    }
    pthread_mutex_unlock(&trackingLock);
    return result;
}

void interrupts_untrack_temporary(const char *path) {
    pthread_mutex_lock(&trackingLock);
    for (int i = 0; i < capacity; ++i)
        if (inUse[i] && strcmp(tracked[i], path) == 0) inUse[i] = 0;
    pthread_mutex_unlock(&trackingLock);
}

int interrupts_track_child(pid_t pid) {
    int result = -1;
    pthread_mutex_lock(&trackingLock);
    for (int i = 0; i < capacity; ++i) {
        if (children[i] == 0) {
            children[i] = pid;
            result = 0;
            break;
        }
    }
    pthread_mutex_unlock(&trackingLock);
    return result;
}

void interrupts_untrack_child(pid_t pid) {
    pthread_mutex_lock(&trackingLock);
    for (int i = 0; i < capacity; ++i)
        if (children[i] == pid) children[i] = 0;
    pthread_mutex_unlock(&trackingLock);
}

pid_t interrupts_fork_tracked(void) {
    interrupts_install_handlers();
    sigset_t endings, old;
    sigemptyset(&endings);
    const int ending[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    for (size_t i = 0; i < sizeof ending / sizeof ending[0]; ++i) sigaddset(&endings, ending[i]);
    pthread_sigmask(SIG_BLOCK, &endings, &old);
    pid_t pid = fork();
    if (pid > 0) interrupts_track_child(pid);
    // Both sides take the old mask back: the child before it execs, the parent once it tracks.
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return pid;
}

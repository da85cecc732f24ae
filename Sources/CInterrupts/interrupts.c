#include "CInterrupts.h"

#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

// The handler may use only async-signal-safe calls: it reads fixed arrays and calls kill, unlink
// and raise. Threads that track take the lock; the handler never does.
enum { capacity = 64, pathCapacity = 4096 };
static char tracked[capacity][pathCapacity];
static volatile sig_atomic_t inUse[capacity];
static volatile sig_atomic_t children[capacity];
static pthread_mutex_t trackingLock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t installed = PTHREAD_ONCE_INIT;

static void undoAndRaise(int signalNumber) {
    for (int i = 0; i < capacity; ++i)
        if (children[i] > 0) kill(children[i], SIGTERM);
    for (int i = 0; i < capacity; ++i)
        if (inUse[i]) unlink(tracked[i]);
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

// One HTTP(S) download through libcurl (Debian's libcurl4-openssl-dev), streamed into an open
// file: memory stays at libcurl's buffer whatever the server sends, and the limits below are
// libcurl's own (size, low speed, connect and total time).
#ifndef CDOWNLOAD_H
#define CDOWNLOAD_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    long long maximumBytes;       // more than this is refused, before or while it arrives
    long slowestBytesPerSecond;   // a transfer slower than this ...
    long slowSeconds;             // ... for this many seconds is given up (silence included)
    long connectSeconds;          // time allowed to reach the server
    long totalSeconds;            // time allowed for the whole transfer
} fsdl_limits;

typedef enum {
    FSDL_OK = 0,
    FSDL_TOO_LARGE,      // the server announced or sent more than maximumBytes
    FSDL_TOO_SLOW,       // under slowestBytesPerSecond for slowSeconds (or no answer at all)
    FSDL_TOO_LONG,       // totalSeconds passed
    FSDL_HTTP_STATUS,    // the server answered with an HTTP error status (see httpStatus)
    FSDL_WRITE_FAILED,   // writing to the file failed (see writeErrno)
    FSDL_NO_HOST,        // the host name was not found
    FSDL_REFUSED,        // the connection was refused or could not be made
    FSDL_TLS,            // the secure connection failed
    FSDL_INTERRUPTED,    // the progress callback asked to stop
    FSDL_OTHER           // anything else: see message
} fsdl_outcome;

/// Called as data arrives with the bytes so far and the announced size (0 if unknown); a
/// non-zero return stops the transfer.
typedef int (*fsdl_progress)(void *context, long long received, long long total);

typedef struct {
    long httpStatus;       // the last HTTP status seen, 0 if none
    long long received;    // bytes written to the file
    int writeErrno;        // errno of a failed write, else 0
    char message[256];     // libcurl's own words for the failure, or empty
} fsdl_report;

/// Downloads `url` (http or https, following up to 5 redirects) and writes its body to the file
/// descriptor `fd`, which stays open. Returns what happened; `report` says more.
fsdl_outcome fsdl_fetch(const char *url, int fd, fsdl_limits limits, fsdl_progress progress, void *context,
                        fsdl_report *report);

#ifdef __cplusplus
}
#endif

#endif

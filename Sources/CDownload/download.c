#include "CDownload.h"

#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    int fd;
    long long maximumBytes;
    int tooLarge;
    fsdl_progress progress;
    void *context;
    fsdl_report *report;
} transfer;

// Writes what arrived straight to the file; refusing a piece (returning less than its size)
// makes libcurl stop with CURLE_WRITE_ERROR.
static size_t writePiece(char *data, size_t size, size_t count, void *userData) {
    transfer *t = userData;
    size_t length = size * count;
    if (t->report->received + (long long)length > t->maximumBytes) {
        t->tooLarge = 1;
        return 0;
    }
    size_t done = 0;
    while (done < length) {
        ssize_t written = write(t->fd, data + done, length - done);
        if (written < 0) {
            if (errno == EINTR) continue;
            t->report->writeErrno = errno;
            return 0;
        }
        done += (size_t)written;
    }
    t->report->received += (long long)length;
    return length;
}

static int reportProgress(void *userData, curl_off_t total, curl_off_t now, curl_off_t upTotal, curl_off_t upNow) {
    (void)upTotal;
    (void)upNow;
    transfer *t = userData;
    return t->progress ? t->progress(t->context, (long long)now, (long long)total) : 0;
}

static pthread_once_t initialised = PTHREAD_ONCE_INIT;
static void initialise(void) { curl_global_init(CURL_GLOBAL_DEFAULT); }

fsdl_outcome fsdl_fetch(const char *url, int fd, fsdl_limits limits, fsdl_progress progress, void *context,
                        fsdl_report *report) {
    memset(report, 0, sizeof *report);
    pthread_once(&initialised, initialise);
    CURL *curl = curl_easy_init();
    if (!curl) {
        strcpy(report->message, "libcurl could not start a transfer");
        return FSDL_OTHER;
    }
    transfer t = {fd, limits.maximumBytes, 0, progress, context, report};
    char errors[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "deep-learning-from-scratch (Swift)");
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errors);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, writePiece);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, reportProgress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &t);
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)limits.maximumBytes);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, limits.slowestBytesPerSecond);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, limits.slowSeconds);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, limits.connectSeconds);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, limits.totalSeconds);
    CURLcode code = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &report->httpStatus);
    double seconds = 0;
    curl_easy_getinfo(curl, CURLINFO_TOTAL_TIME, &seconds);
    curl_easy_cleanup(curl);
    strncpy(report->message, errors[0] ? errors : curl_easy_strerror(code), sizeof report->message - 1);

    switch (code) {
    case CURLE_OK: report->message[0] = 0; return FSDL_OK;
    case CURLE_FILESIZE_EXCEEDED: return FSDL_TOO_LARGE;
    case CURLE_WRITE_ERROR: return t.tooLarge ? FSDL_TOO_LARGE : FSDL_WRITE_FAILED;
    case CURLE_HTTP_RETURNED_ERROR: return FSDL_HTTP_STATUS;
    case CURLE_COULDNT_RESOLVE_HOST: return FSDL_NO_HOST;
    case CURLE_COULDNT_CONNECT: return FSDL_REFUSED;
    case CURLE_ABORTED_BY_CALLBACK: return FSDL_INTERRUPTED;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE: return FSDL_TLS;
    case CURLE_OPERATION_TIMEDOUT:
        return seconds + 0.5 >= (double)limits.totalSeconds ? FSDL_TOO_LONG : FSDL_TOO_SLOW;
    default: return FSDL_OTHER;
    }
}

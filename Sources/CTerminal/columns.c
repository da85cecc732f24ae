#define _XOPEN_SOURCE 700
#include <locale.h>
#include <pthread.h>
#include <wchar.h>

#include "CTerminal.h"

// A locale object of its own, made once, so that asking never changes the process's locale.
static locale_t utf8 = (locale_t)0;
static pthread_once_t made = PTHREAD_ONCE_INIT;

static void make_utf8_locale(void) { utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0); }

int cterminal_columns(unsigned int code_point) {
    pthread_once(&made, make_utf8_locale);
    if (utf8 == (locale_t)0) return -1;
    locale_t previous = uselocale(utf8);
    int columns = wcwidth((wchar_t)code_point);
    uselocale(previous);
    return columns;
}

// Speed: OpenBLAS picks its kernels, when it loads, from a table of the CPUs it knows. The
// OpenBLAS of Debian 12 (0.3.21, 2022) does not know newer CPUs: on an Intel Xeon of 2023
// (family 6, model 207, with AVX-512) it falls back to its Prescott kernels of 2004 (SSE3), and
// the five-layer step of chapter 6 took 3.6 ms instead of 1.6 ms with the SkylakeX kernels.
// OPENBLAS_CORETYPE chooses a set, but OpenBLAS reads it only while it loads. So before main, if
// nobody chose a set and OpenBLAS fell back on a CPU that runs a newer one, the process starts
// itself again with OPENBLAS_CORETYPE naming that set. The results are the same either way:
// every kernel set gives the chapters' texts and figures (README, "Same results on every machine").
#include "CBLASChoice.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *openblas_get_corename(void);

/// Set in the restarted process: what OpenBLAS had chosen, for reports such as `make bench`.
static const char *const replacedVariable = "DLFS_OPENBLAS_REPLACED";

int blas_choice_cpu_features(void) {
    int features = 0;
#if defined(__x86_64__)
    __builtin_cpu_init();  // idempotent; the constructor below may run before the compiler's own
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) features |= BLAS_CHOICE_AVX2_FMA;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd") &&
        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512vl"))
        features |= BLAS_CHOICE_AVX512;
#endif
    return features;
}

const char *blas_choice_replacing(const char *openblasChoice, int features) {
    if (openblasChoice == NULL || strcmp(openblasChoice, "Prescott") != 0) return NULL;
    if (features & BLAS_CHOICE_AVX512) return "SkylakeX";
    if (features & BLAS_CHOICE_AVX2_FMA) return "Haswell";
    return NULL;
}

const char *blas_choice_replaced(void) { return getenv(replacedVariable); }

// glibc passes a constructor the program's arguments. Nothing has run yet but the libraries'
// own set-up, OpenBLAS's included, so starting again loses nothing. If the restart fails (no
// /proc), the program goes on with OpenBLAS's choice.
__attribute__((constructor)) static void blas_choice_restart_if_fallen_back(int argc, char **argv, char **envp) {
    (void)argc;
    (void)envp;
    if (getenv("OPENBLAS_CORETYPE") != NULL || argv == NULL) return;
    const char *fallback = openblas_get_corename();
    const char *better = blas_choice_replacing(fallback, blas_choice_cpu_features());
    if (better == NULL) return;
    if (setenv(replacedVariable, fallback, 1) != 0 || setenv("OPENBLAS_CORETYPE", better, 1) != 0) return;
    execv("/proc/self/exe", argv);
    // Still here: go on with OpenBLAS's kernels, and say nothing was replaced.
    unsetenv("OPENBLAS_CORETYPE");
    unsetenv(replacedVariable);
}

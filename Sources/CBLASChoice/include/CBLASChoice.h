// Speed: a reader can skip this target. It makes OpenBLAS use the kernels this CPU runs when
// OpenBLAS does not recognise the CPU (blas_choice.c).
#ifndef CBLAS_CHOICE_H
#define CBLAS_CHOICE_H

/// The instruction sets OpenBLAS's x86-64 kernel sets need, as bits of `features`.
enum {
    BLAS_CHOICE_AVX2_FMA = 1 << 0,  // avx2 and fma: the Haswell kernels
    BLAS_CHOICE_AVX512 = 1 << 1,    // avx512f, cd, bw, dq and vl: the SkylakeX kernels
};

/// What this CPU supports, as BLAS_CHOICE_* bits (0 on other architectures).
int blas_choice_cpu_features(void);

/// The kernel set to ask OpenBLAS for, or NULL to keep its own choice: only when OpenBLAS fell
/// back to its Prescott kernels (what it does for a CPU it does not know) on a CPU with `features`
/// that runs a newer set.
const char *blas_choice_replacing(const char *openblasChoice, int features);

/// The kernel set OpenBLAS had chosen before this process started itself again with a better one
/// ("Prescott"), or NULL if it did not.
const char *blas_choice_replaced(void);

#endif

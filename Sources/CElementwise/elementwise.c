// Speed: the divided step x -= c·y / (√h + ε) (see CElementwise.h). Square roots and divisions
// are correctly rounded by the scalar and the vector instructions alike, and no multiplication is
// fused with an addition here, so every kernel gives every element the plain loop's bits.
#include "CElementwise.h"

#include <math.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#pragma STDC FP_CONTRACT OFF

static void divided_step_plain(double *x, const double *y, const double *h, int64_t n, double c, double epsilon) {
    for (int64_t i = 0; i < n; ++i) x[i] -= c * y[i] / (sqrt(h[i]) + epsilon);
}

#if defined(__x86_64__)
// Eight elements at a time; the last few through masks (a masked-off lane reads 0 and is not written).
__attribute__((target("avx512f"))) static void divided_step_avx512(double *x, const double *y, const double *h,
                                                                   int64_t n, double c, double epsilon) {
    const __m512d vc = _mm512_set1_pd(c), ve = _mm512_set1_pd(epsilon);
    for (int64_t i = 0; i < n; i += 8) {
        const __mmask8 lanes = n - i >= 8 ? 0xff : (__mmask8)((1u << (n - i)) - 1);
        const __m512d root = _mm512_add_pd(_mm512_sqrt_pd(_mm512_maskz_loadu_pd(lanes, h + i)), ve);
        const __m512d step = _mm512_div_pd(_mm512_mul_pd(vc, _mm512_maskz_loadu_pd(lanes, y + i)), root);
        _mm512_mask_storeu_pd(x + i, lanes, _mm512_sub_pd(_mm512_maskz_loadu_pd(lanes, x + i), step));
    }
}

// Four at a time with AVX (CPUs without AVX-512); the last few by the plain loop.
__attribute__((target("avx"))) static void divided_step_avx(double *x, const double *y, const double *h, int64_t n,
                                                            double c, double epsilon) {
    const __m256d vc = _mm256_set1_pd(c), ve = _mm256_set1_pd(epsilon);
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const __m256d root = _mm256_add_pd(_mm256_sqrt_pd(_mm256_loadu_pd(h + i)), ve);
        const __m256d step = _mm256_div_pd(_mm256_mul_pd(vc, _mm256_loadu_pd(y + i)), root);
        _mm256_storeu_pd(x + i, _mm256_sub_pd(_mm256_loadu_pd(x + i), step));
    }
    divided_step_plain(x + i, y + i, h + i, n - i, c, epsilon);
}
#endif

int divided_step_kernels_available(void) {
    int kernels = 1 << DIVIDED_STEP_PLAIN;
#if defined(__x86_64__)
    __builtin_cpu_init();  // idempotent
    if (__builtin_cpu_supports("avx")) kernels |= 1 << DIVIDED_STEP_AVX;
    if (__builtin_cpu_supports("avx512f")) kernels |= 1 << DIVIDED_STEP_AVX512;
#endif
    return kernels;
}

void divided_step_with(int kernel, double *x, const double *y, const double *h, int64_t n, double c,
                       double epsilon) {
#if defined(__x86_64__)
    if (kernel == DIVIDED_STEP_AVX512) return divided_step_avx512(x, y, h, n, c, epsilon);
    if (kernel == DIVIDED_STEP_AVX) return divided_step_avx(x, y, h, n, c, epsilon);
#endif
    divided_step_plain(x, y, h, n, c, epsilon);
}

void divided_step(double *x, const double *y, const double *h, int64_t n, double c, double epsilon) {
    const int available = divided_step_kernels_available();
    const int kernel = available & (1 << DIVIDED_STEP_AVX512) ? DIVIDED_STEP_AVX512
                       : available & (1 << DIVIDED_STEP_AVX)  ? DIVIDED_STEP_AVX
                                                              : DIVIDED_STEP_PLAIN;
    divided_step_with(kernel, x, y, h, n, c, epsilon);
}

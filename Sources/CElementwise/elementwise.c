// Speed: the optimizers' steps, ReLU forward and backward, and the sum of a matrix's rows (see
// CElementwise.h). Square roots and divisions are correctly rounded by the scalar and the vector
// instructions alike, no multiplication is fused with an addition here, and each column's sum
// adds the rows in order, so every kernel gives every element the plain loop's bits.
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

static void scaled_sum_plain(double *out, const double *x, const double *y, int64_t n, double c) {
    for (int64_t i = 0; i < n; ++i) out[i] = x[i] + c * y[i];
}

#if defined(__x86_64__)
__attribute__((target("avx512f"))) static void scaled_sum_avx512(double *out, const double *x, const double *y,
                                                                 int64_t n, double c) {
    const __m512d vc = _mm512_set1_pd(c);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm512_storeu_pd(out + i, _mm512_add_pd(_mm512_loadu_pd(x + i), _mm512_mul_pd(vc, _mm512_loadu_pd(y + i))));
    if (i < n) {
        const __mmask8 lanes = (__mmask8)((1u << (n - i)) - 1);
        const __m512d sum = _mm512_add_pd(_mm512_maskz_loadu_pd(lanes, x + i),
                                          _mm512_mul_pd(vc, _mm512_maskz_loadu_pd(lanes, y + i)));
        _mm512_mask_storeu_pd(out + i, lanes, sum);
    }
}

__attribute__((target("avx"))) static void scaled_sum_avx(double *out, const double *x, const double *y, int64_t n,
                                                          double c) {
    const __m256d vc = _mm256_set1_pd(c);
    int64_t i = 0;
    for (; i + 4 <= n; i += 4)
        _mm256_storeu_pd(out + i, _mm256_add_pd(_mm256_loadu_pd(x + i), _mm256_mul_pd(vc, _mm256_loadu_pd(y + i))));
    scaled_sum_plain(out + i, x + i, y + i, n - i, c);
}
#endif

static void zero_unless_positive_plain(double *x, int64_t n) {
    for (int64_t i = 0; i < n; ++i) x[i] = x[i] > 0 ? x[i] : 0.0;
}

static void zero_where_not_positive_plain(double *d, const double *y, int64_t n) {
    for (int64_t i = 0; i < n; ++i) d[i] = y[i] > 0 ? d[i] : 0.0;
}

static void sum_of_rows_plain(double *out, const double *x, int64_t rows, int64_t cols) {
    for (int64_t c = 0; c < cols; ++c) out[c] = 0.0;
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < cols; ++c) out[c] += x[r * cols + c];
}

#if defined(__x86_64__)
static inline __mmask8 lanes_below(int64_t width) { return width >= 8 ? 0xff : (__mmask8)((1u << width) - 1); }

// max(x, +0) returns its second operand, +0, when x is NaN or either zero: the comparison's result.
__attribute__((target("avx512f"))) static void zero_unless_positive_avx512(double *x, int64_t n) {
    for (int64_t i = 0; i < n; i += 8) {
        const __mmask8 lanes = lanes_below(n - i);
        _mm512_mask_storeu_pd(x + i, lanes, _mm512_max_pd(_mm512_maskz_loadu_pd(lanes, x + i), _mm512_setzero_pd()));
    }
}

__attribute__((target("avx512f"))) static void zero_where_not_positive_avx512(double *d, const double *y, int64_t n) {
    for (int64_t i = 0; i < n; i += 8) {
        const __mmask8 lanes = lanes_below(n - i);
        const __mmask8 positive = _mm512_mask_cmp_pd_mask(lanes, _mm512_maskz_loadu_pd(lanes, y + i), _mm512_setzero_pd(),
                                                          _CMP_GT_OQ);
        _mm512_mask_storeu_pd(d + i, lanes, _mm512_maskz_loadu_pd(positive, d + i));
    }
}

// Eight columns at a time down all the rows, the sums kept in a register.
__attribute__((target("avx512f"))) static void sum_of_rows_avx512(double *out, const double *x, int64_t rows,
                                                                  int64_t cols) {
    for (int64_t c = 0; c < cols; c += 8) {
        const __mmask8 lanes = lanes_below(cols - c);
        __m512d total = _mm512_setzero_pd();
        for (int64_t r = 0; r < rows; ++r) total = _mm512_add_pd(total, _mm512_maskz_loadu_pd(lanes, x + r * cols + c));
        _mm512_mask_storeu_pd(out + c, lanes, total);
    }
}

__attribute__((target("avx"))) static void zero_unless_positive_avx(double *x, int64_t n) {
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(x + i, _mm256_max_pd(_mm256_loadu_pd(x + i), _mm256_setzero_pd()));
    zero_unless_positive_plain(x + i, n - i);
}

__attribute__((target("avx"))) static void zero_where_not_positive_avx(double *d, const double *y, int64_t n) {
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const __m256d positive = _mm256_cmp_pd(_mm256_loadu_pd(y + i), _mm256_setzero_pd(), _CMP_GT_OQ);
        _mm256_storeu_pd(d + i, _mm256_and_pd(_mm256_loadu_pd(d + i), positive));
    }
    zero_where_not_positive_plain(d + i, y + i, n - i);
}

__attribute__((target("avx"))) static void sum_of_rows_avx(double *out, const double *x, int64_t rows, int64_t cols) {
    int64_t c = 0;
    for (; c + 4 <= cols; c += 4) {
        __m256d total = _mm256_setzero_pd();
        for (int64_t r = 0; r < rows; ++r) total = _mm256_add_pd(total, _mm256_loadu_pd(x + r * cols + c));
        _mm256_storeu_pd(out + c, total);
    }
    for (; c < cols; ++c) {
        double total = 0.0;
        for (int64_t r = 0; r < rows; ++r) total += x[r * cols + c];
        out[c] = total;
    }
}
#endif

int elementwise_kernels_available(void) {
    int kernels = 1 << ELEMENTWISE_PLAIN;
#if defined(__x86_64__)
    __builtin_cpu_init();  // idempotent
    if (__builtin_cpu_supports("avx")) kernels |= 1 << ELEMENTWISE_AVX;
    if (__builtin_cpu_supports("avx512f")) kernels |= 1 << ELEMENTWISE_AVX512;
#endif
    return kernels;
}

/// The widest kernel this CPU runs (asking is a read of what the C runtime found at start).
static int widest_kernel(void) {
    const int available = elementwise_kernels_available();
    return available & (1 << ELEMENTWISE_AVX512) ? ELEMENTWISE_AVX512
           : available & (1 << ELEMENTWISE_AVX)  ? ELEMENTWISE_AVX
                                                  : ELEMENTWISE_PLAIN;
}

void divided_step_with(int kernel, double *x, const double *y, const double *h, int64_t n, double c,
                       double epsilon) {
#if defined(__x86_64__)
    if (kernel == ELEMENTWISE_AVX512) return divided_step_avx512(x, y, h, n, c, epsilon);
    if (kernel == ELEMENTWISE_AVX) return divided_step_avx(x, y, h, n, c, epsilon);
#endif
    divided_step_plain(x, y, h, n, c, epsilon);
}

void divided_step(double *x, const double *y, const double *h, int64_t n, double c, double epsilon) {
    divided_step_with(widest_kernel(), x, y, h, n, c, epsilon);
}

void scaled_sum_with(int kernel, double *out, const double *x, const double *y, int64_t n, double c) {
#if defined(__x86_64__)
    if (kernel == ELEMENTWISE_AVX512) return scaled_sum_avx512(out, x, y, n, c);
    if (kernel == ELEMENTWISE_AVX) return scaled_sum_avx(out, x, y, n, c);
#endif
    scaled_sum_plain(out, x, y, n, c);
}

void scaled_sum(double *out, const double *x, const double *y, int64_t n, double c) {
    scaled_sum_with(widest_kernel(), out, x, y, n, c);
}

void zero_unless_positive_with(int kernel, double *x, int64_t n) {
#if defined(__x86_64__)
    if (kernel == ELEMENTWISE_AVX512) return zero_unless_positive_avx512(x, n);
    if (kernel == ELEMENTWISE_AVX) return zero_unless_positive_avx(x, n);
#endif
    zero_unless_positive_plain(x, n);
}

void zero_unless_positive(double *x, int64_t n) { zero_unless_positive_with(widest_kernel(), x, n); }

void zero_where_not_positive_with(int kernel, double *d, const double *y, int64_t n) {
#if defined(__x86_64__)
    if (kernel == ELEMENTWISE_AVX512) return zero_where_not_positive_avx512(d, y, n);
    if (kernel == ELEMENTWISE_AVX) return zero_where_not_positive_avx(d, y, n);
#endif
    zero_where_not_positive_plain(d, y, n);
}

void zero_where_not_positive(double *d, const double *y, int64_t n) {
    zero_where_not_positive_with(widest_kernel(), d, y, n);
}

void sum_of_rows_with(int kernel, double *out, const double *x, int64_t rows, int64_t cols) {
#if defined(__x86_64__)
    if (kernel == ELEMENTWISE_AVX512) return sum_of_rows_avx512(out, x, rows, cols);
    if (kernel == ELEMENTWISE_AVX) return sum_of_rows_avx(out, x, rows, cols);
#endif
    sum_of_rows_plain(out, x, rows, cols);
}

void sum_of_rows(double *out, const double *x, int64_t rows, int64_t cols) {
    sum_of_rows_with(widest_kernel(), out, x, rows, cols);
}

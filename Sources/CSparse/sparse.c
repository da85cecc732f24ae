// Speed: sparse-times-dense products for the image side of a first layer (see CSparse.h). The
// AVX2 kernels and the plain ones compute the same fused multiply-adds in the same order; the
// vector kernels only do four columns of a result at once.
#include "CSparse.h"

#include <math.h>
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

// MARK: - Plain loops (any x86-64, and the definition the vector kernels follow)

// Row r of the product: the nonzeros in even and in odd places of the row are summed apart, each
// sum by fused multiply-adds in order, and the two sums added at the end (then the bias). Two
// sums, because one chain of dependent multiply-adds would leave the CPU waiting on each.
void sparse_rows_times_dense_plain(const int64_t *rowStart, const int32_t *columns, const float *values, int64_t m,
                       const double *b, int64_t n, const double *bias, double *out) {
    for (int64_t r = 0; r < m; ++r) {
        for (int64_t j = 0; j < n; ++j) {
            double even = 0.0, odd = 0.0;
            int64_t p = rowStart[r];
            for (; p + 1 < rowStart[r + 1]; p += 2) {
                even = fma(values[p], b[(int64_t)columns[p] * n + j], even);
                odd = fma(values[p + 1], b[(int64_t)columns[p + 1] * n + j], odd);
            }
            if (p < rowStart[r + 1]) even = fma(values[p], b[(int64_t)columns[p] * n + j], even);
            out[r * n + j] = bias ? (even + odd) + bias[j] : even + odd;
        }
    }
}

#if defined(__x86_64__)
// MARK: - AVX2 with FMA: 16 columns of a row (four registers per sum) at a time

// Lane masks for a block of `width` < 16 columns: lane l of vector q is on when 4q + l < width.
__attribute__((target("avx2"))) static void block_masks(int64_t width, __m256i masks[4]) {
    for (int q = 0; q < 4; ++q) {
        const __m256i lanes = _mm256_setr_epi64x(4 * q, 4 * q + 1, 4 * q + 2, 4 * q + 3);
        masks[q] = _mm256_cmpgt_epi64(_mm256_set1_epi64x(width), lanes);
    }
}

// One block of 16 columns of one row, as `sparse_rows_times_dense_plain` computes it. LOAD(pointer, q) reads the q-th
// vector of the block (whole, or masked in the last block).
#define SPARSE_ROW_BLOCK(LOAD, STORE)                                                                         \
    do {                                                                                                    \
        __m256d e0 = _mm256_setzero_pd(), e1 = e0, e2 = e0, e3 = e0, o0 = e0, o1 = e0, o2 = e0, o3 = e0;   \
        int64_t p = first;                                                                                  \
        for (; p + 1 < end; p += 2) {                                                                       \
            const __m256d v = _mm256_set1_pd(values[p]), w = _mm256_set1_pd(values[p + 1]);                \
            const double *x = b + (int64_t)columns[p] * n + j0, *y = b + (int64_t)columns[p + 1] * n + j0;  \
            e0 = _mm256_fmadd_pd(v, LOAD(x, 0), e0);                                                        \
            e1 = _mm256_fmadd_pd(v, LOAD(x, 1), e1);                                                        \
            e2 = _mm256_fmadd_pd(v, LOAD(x, 2), e2);                                                        \
            e3 = _mm256_fmadd_pd(v, LOAD(x, 3), e3);                                                        \
            o0 = _mm256_fmadd_pd(w, LOAD(y, 0), o0);                                                        \
            o1 = _mm256_fmadd_pd(w, LOAD(y, 1), o1);                                                        \
            o2 = _mm256_fmadd_pd(w, LOAD(y, 2), o2);                                                        \
            o3 = _mm256_fmadd_pd(w, LOAD(y, 3), o3);                                                        \
        }                                                                                                   \
        if (p < end) {                                                                                      \
            const __m256d v = _mm256_set1_pd(values[p]);                                                    \
            const double *x = b + (int64_t)columns[p] * n + j0;                                             \
            e0 = _mm256_fmadd_pd(v, LOAD(x, 0), e0);                                                        \
            e1 = _mm256_fmadd_pd(v, LOAD(x, 1), e1);                                                        \
            e2 = _mm256_fmadd_pd(v, LOAD(x, 2), e2);                                                        \
            e3 = _mm256_fmadd_pd(v, LOAD(x, 3), e3);                                                        \
        }                                                                                                   \
        e0 = _mm256_add_pd(e0, o0), e1 = _mm256_add_pd(e1, o1);                                             \
        e2 = _mm256_add_pd(e2, o2), e3 = _mm256_add_pd(e3, o3);                                             \
        if (bias) {                                                                                         \
            e0 = _mm256_add_pd(e0, LOAD(bias + j0, 0)), e1 = _mm256_add_pd(e1, LOAD(bias + j0, 1));         \
            e2 = _mm256_add_pd(e2, LOAD(bias + j0, 2)), e3 = _mm256_add_pd(e3, LOAD(bias + j0, 3));         \
        }                                                                                                   \
        double *o = out + r * n + j0;                                                                       \
        STORE(o, 0, e0), STORE(o, 1, e1), STORE(o, 2, e2), STORE(o, 3, e3);                                 \
    } while (0)

#define WHOLE_LOAD(pointer, q) _mm256_loadu_pd((pointer) + 4 * (q))
#define WHOLE_STORE(pointer, q, value) _mm256_storeu_pd((pointer) + 4 * (q), value)
#define MASKED_LOAD(pointer, q) _mm256_maskload_pd((pointer) + 4 * (q), masks[q])
#define MASKED_STORE(pointer, q, value) _mm256_maskstore_pd((pointer) + 4 * (q), masks[q], value)

__attribute__((target("avx2,fma"))) static void rows_avx2(const int64_t *rowStart, const int32_t *columns,
                                                          const float *values, int64_t m, const double *b,
                                                          int64_t n, const double *bias, double *out) {
    __m256i masks[4];
    block_masks(n % 16, masks);
    for (int64_t r = 0; r < m; ++r) {
        const int64_t first = rowStart[r], end = rowStart[r + 1];
        int64_t j0 = 0;
        for (; j0 + 16 <= n; j0 += 16) SPARSE_ROW_BLOCK(WHOLE_LOAD, WHOLE_STORE);
        if (j0 < n) SPARSE_ROW_BLOCK(MASKED_LOAD, MASKED_STORE);
    }
}

// MARK: - Choosing the kernel (the CPU's features, read once per process by the runtime)

static int has_avx2_fma(void) {
    __builtin_cpu_init();  // idempotent
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}
#endif

void sparse_rows_times_dense(const int64_t *rowStart, const int32_t *columns, const float *values, int64_t m,
                             const double *b, int64_t n, const double *bias, double *out) {
#if defined(__x86_64__)
    if (has_avx2_fma()) {
        rows_avx2(rowStart, columns, values, m, b, n, bias, out);
        return;
    }
#endif
    sparse_rows_times_dense_plain(rowStart, columns, values, m, b, n, bias, out);
}

void sparse_transpose(const int64_t *rowStart, const int32_t *columns, const float *values, int64_t m,
                      int64_t k, int64_t *transposedStart, int32_t *transposedColumns, float *transposedValues) {
    // Counting sort by column: count, turn counts into starts, then place the entries row by row,
    // so that each transposed row lists its entries in ascending original row.
    memset(transposedStart, 0, (size_t)(k + 1) * sizeof(int64_t));
    const int64_t count = rowStart[m];
    for (int64_t p = 0; p < count; ++p) ++transposedStart[columns[p] + 1];
    for (int64_t c = 0; c < k; ++c) transposedStart[c + 1] += transposedStart[c];
    for (int64_t r = 0; r < m; ++r)
        for (int64_t p = rowStart[r]; p < rowStart[r + 1]; ++p) {
            const int64_t place = transposedStart[columns[p]]++;
            transposedColumns[place] = (int32_t)r;
            transposedValues[place] = values[p];
        }
    // Each start has moved to the next row's start: shift them back.
    for (int64_t c = k; c > 0; --c) transposedStart[c] = transposedStart[c - 1];
    transposedStart[0] = 0;
}

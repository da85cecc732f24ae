// Speed: sparse-times-dense products for the image side of a first layer (see CSparse.h). The
// AVX-512, AVX2 and plain kernels compute the same fused multiply-adds in the same order; the
// vector kernels only do several columns of a result at once.
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
                                   const double *b, int64_t ldb, int64_t n, const double *bias, double *out) {
    for (int64_t r = 0; r < m; ++r) {
        for (int64_t j = 0; j < n; ++j) {
            double even = 0.0, odd = 0.0;
            int64_t p = rowStart[r];
            for (; p + 1 < rowStart[r + 1]; p += 2) {
                even = fma(values[p], b[(int64_t)columns[p] * ldb + j], even);
                odd = fma(values[p + 1], b[(int64_t)columns[p + 1] * ldb + j], odd);
            }
            if (p < rowStart[r + 1]) even = fma(values[p], b[(int64_t)columns[p] * ldb + j], even);
            out[r * n + j] = bias ? (even + odd) + bias[j] : even + odd;
        }
    }
}

#if defined(__x86_64__)
// MARK: - Vector kernels: a block of up to eight vectors of a row's columns at a time
//
// A block keeps an even and an odd sum per vector in registers while it walks the row's nonzeros
// once; a row of B is thus read one block wide, and a row of 50 columns is one block with AVX-512
// (seven vectors of eight) or three with AVX2 (six vectors of four, twice, then one). In the last
// block of a row the last vector may be `partial`: masked to the columns that remain. `V` and
// `partial` are constants at every call (`ROW_BLOCKS`), so the vector loops unroll and the sums
// stay in registers.
#define DEFINE_BLOCK(NAME, TARGET, VEC, MASK, LANES, ZERO, SET1, LOAD, LOAD_MASKED, FMADD, ADD, STORE,        \
                     STORE_MASKED)                                                                             \
    __attribute__((target(TARGET), always_inline)) static inline void NAME(                                    \
        const int V, const int partial, const MASK mask, const int64_t first, const int64_t end,               \
        const int32_t *columns, const float *values, const double *b, const int64_t ldb, const double *bias,   \
        double *o) {                                                                                           \
        VEC e[8], d[8];                                                                                        \
        for (int q = 0; q < V; ++q) e[q] = d[q] = ZERO;                                                        \
        int64_t p = first;                                                                                     \
        for (; p + 1 < end; p += 2) {                                                                          \
            const VEC v = SET1(values[p]), w = SET1(values[p + 1]);                                            \
            const double *x = b + (int64_t)columns[p] * ldb, *y = b + (int64_t)columns[p + 1] * ldb;           \
            for (int q = 0; q < V; ++q) {                                                                      \
                const int masked = partial && q == V - 1;                                                      \
                e[q] = FMADD(v, masked ? LOAD_MASKED(x + LANES * q, mask) : LOAD(x + LANES * q), e[q]);        \
                d[q] = FMADD(w, masked ? LOAD_MASKED(y + LANES * q, mask) : LOAD(y + LANES * q), d[q]);        \
            }                                                                                                  \
        }                                                                                                      \
        if (p < end) {                                                                                         \
            const VEC v = SET1(values[p]);                                                                     \
            const double *x = b + (int64_t)columns[p] * ldb;                                                   \
            for (int q = 0; q < V; ++q) {                                                                      \
                const int masked = partial && q == V - 1;                                                      \
                e[q] = FMADD(v, masked ? LOAD_MASKED(x + LANES * q, mask) : LOAD(x + LANES * q), e[q]);        \
            }                                                                                                  \
        }                                                                                                      \
        for (int q = 0; q < V; ++q) {                                                                          \
            const int masked = partial && q == V - 1;                                                          \
            e[q] = ADD(e[q], d[q]);                                                                            \
            if (bias) e[q] = ADD(e[q], masked ? LOAD_MASKED(bias + LANES * q, mask) : LOAD(bias + LANES * q)); \
            if (masked) STORE_MASKED(o + LANES * q, mask, e[q]);                                               \
            else STORE(o + LANES * q, e[q]);                                                                   \
        }                                                                                                      \
    }

// Every row of the product, in blocks of V_MAX vectors and a last block of what remains.
#define CASE(V)                                                                                           \
    case V:                                                                                               \
        if (partial) BLOCK(V, 1, mask, first, end, columns, values, b + j0, ldb, bias ? bias + j0 : 0, o + j0); \
        else BLOCK(V, 0, mask, first, end, columns, values, b + j0, ldb, bias ? bias + j0 : 0, o + j0);       \
        break;
#define ROW_BLOCKS(V_MAX, LANES, MASK_OF)                                                                  \
    for (int64_t r = 0; r < m; ++r) {                                                                      \
        const int64_t first = rowStart[r], end = rowStart[r + 1];                                          \
        double *o = out + r * n;                                                                           \
        int64_t j0 = 0;                                                                                    \
        for (; n - j0 > V_MAX * LANES; j0 += V_MAX * LANES)                                                \
            BLOCK(V_MAX, 0, mask, first, end, columns, values, b + j0, ldb, bias ? bias + j0 : 0, o + j0);   \
        const int64_t remaining = n - j0;                                                                  \
        const int partial = remaining % LANES != 0;                                                        \
        mask = MASK_OF(remaining % LANES);                                                                 \
        switch ((remaining + LANES - 1) / LANES) { BLOCK_CASES }                                           \
    }

// AVX2 with FMA: vectors of four, blocks of up to six (twelve sums and two multipliers in the
// sixteen registers).
#define MASKED_LOAD_256(pointer, mask) _mm256_maskload_pd(pointer, mask)
#define MASKED_STORE_256(pointer, mask, value) _mm256_maskstore_pd(pointer, mask, value)
DEFINE_BLOCK(block_avx2, "avx2,fma", __m256d, __m256i, 4, _mm256_setzero_pd(), _mm256_set1_pd, _mm256_loadu_pd,
             MASKED_LOAD_256, _mm256_fmadd_pd, _mm256_add_pd, _mm256_storeu_pd, MASKED_STORE_256)

// Lane l of the mask is on when l < width.
__attribute__((target("avx2"))) static inline __m256i lanes_below_256(int64_t width) {
    return _mm256_cmpgt_epi64(_mm256_set1_epi64x(width), _mm256_setr_epi64x(0, 1, 2, 3));
}

__attribute__((target("avx2,fma"))) static void rows_avx2(const int64_t *rowStart, const int32_t *columns,
                                                          const float *values, int64_t m, const double *b,
                                                          int64_t ldb, int64_t n, const double *bias, double *out) {
    __m256i mask = _mm256_setzero_si256();
#define BLOCK block_avx2
#define BLOCK_CASES CASE(1) CASE(2) CASE(3) CASE(4) CASE(5) CASE(6)
    ROW_BLOCKS(6, 4, lanes_below_256)
#undef BLOCK
#undef BLOCK_CASES
}

// AVX-512: vectors of eight, blocks of up to eight (sixteen sums of the thirty-two registers).
#define MASKED_LOAD_512(pointer, mask) _mm512_maskz_loadu_pd(mask, pointer)
#define MASKED_STORE_512(pointer, mask, value) _mm512_mask_storeu_pd(pointer, mask, value)
DEFINE_BLOCK(block_avx512, "avx512f", __m512d, __mmask8, 8, _mm512_setzero_pd(), _mm512_set1_pd, _mm512_loadu_pd,
             MASKED_LOAD_512, _mm512_fmadd_pd, _mm512_add_pd, _mm512_storeu_pd, MASKED_STORE_512)

static inline __mmask8 lanes_below_512(int64_t width) { return (__mmask8)((1u << width) - 1); }

__attribute__((target("avx512f"))) static void rows_avx512(const int64_t *rowStart, const int32_t *columns,
                                                           const float *values, int64_t m, const double *b,
                                                           int64_t ldb, int64_t n, const double *bias, double *out) {
    __mmask8 mask = 0;
#define BLOCK block_avx512
#define BLOCK_CASES CASE(1) CASE(2) CASE(3) CASE(4) CASE(5) CASE(6) CASE(7) CASE(8)
    ROW_BLOCKS(8, 8, lanes_below_512)
#undef BLOCK
#undef BLOCK_CASES
}
#endif

// MARK: - Choosing the kernel (the CPU's features, read once per process by the runtime)

int sparse_kernels_available(void) {
    int kernels = 1 << SPARSE_KERNEL_PLAIN;
#if defined(__x86_64__)
    __builtin_cpu_init();  // idempotent
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) kernels |= 1 << SPARSE_KERNEL_AVX2;
    if (__builtin_cpu_supports("avx512f")) kernels |= 1 << SPARSE_KERNEL_AVX512;
#endif
    return kernels;
}

void sparse_rows_times_dense_with(int kernel, const int64_t *rowStart, const int32_t *columns, const float *values,
                                  int64_t m, const double *b, int64_t ldb, int64_t n, const double *bias, double *out) {
#if defined(__x86_64__)
    if (kernel == SPARSE_KERNEL_AVX512) return rows_avx512(rowStart, columns, values, m, b, ldb, n, bias, out);
    if (kernel == SPARSE_KERNEL_AVX2) return rows_avx2(rowStart, columns, values, m, b, ldb, n, bias, out);
#endif
    sparse_rows_times_dense_plain(rowStart, columns, values, m, b, ldb, n, bias, out);
}

void sparse_rows_times_dense(const int64_t *rowStart, const int32_t *columns, const float *values, int64_t m,
                             const double *b, int64_t ldb, int64_t n, const double *bias, double *out) {
    // The widest kernel the CPU runs (the features are read once per process by the runtime).
    const int available = sparse_kernels_available();
    const int kernel = available & (1 << SPARSE_KERNEL_AVX512) ? SPARSE_KERNEL_AVX512
                       : available & (1 << SPARSE_KERNEL_AVX2) ? SPARSE_KERNEL_AVX2
                                                               : SPARSE_KERNEL_PLAIN;
    sparse_rows_times_dense_with(kernel, rowStart, columns, values, m, b, ldb, n, bias, out);
}

// Counting sort by column: count, turn counts into starts, then place the entries row by row,
// so that each transposed row lists its entries in ascending original row. Any number of rows.
void sparse_transpose_by_counting(const int64_t *rowStart, const int32_t *columns, const float *values, int64_t m,
                                  int64_t k, int64_t *transposedStart, int32_t *transposedColumns,
                                  float *transposedValues) {
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

// For at most 128 rows (a mini-batch): each column's rows as a bit set, then the columns in order,
// each listing its rows by their bits, lowest first. A row's entries are met in ascending column,
// so the value of (r, c) is simply row r's next entry. Every write lands next to the one before,
// where the counting sort scatters its writes over k places: the bits and the rows' next entries
// stay in the first-level cache.
#define TRANSPOSE_BY_BITS_MAX_ROWS 128
#define TRANSPOSE_BY_BITS_MAX_K 4096

static void transpose_by_bits(const int64_t *rowStart, const int32_t *columns, const float *values, int64_t m,
                              int64_t k, int64_t *transposedStart, int32_t *transposedColumns,
                              float *transposedValues) {
    static _Thread_local uint64_t bits[TRANSPOSE_BY_BITS_MAX_K][2];
    int64_t next[TRANSPOSE_BY_BITS_MAX_ROWS];
    memset(bits, 0, (size_t)k * sizeof bits[0]);
    for (int64_t r = 0; r < m; ++r) {
        next[r] = rowStart[r];
        for (int64_t p = rowStart[r]; p < rowStart[r + 1]; ++p) bits[columns[p]][r >> 6] |= 1ull << (r & 63);
    }
    int64_t place = 0;
    for (int64_t c = 0; c < k; ++c) {
        transposedStart[c] = place;
        for (int half = 0; half < 2; ++half)
            for (uint64_t set = bits[c][half]; set != 0; set &= set - 1) {
                const int64_t r = 64 * half + __builtin_ctzll(set);
                transposedColumns[place] = (int32_t)r;
                transposedValues[place++] = values[next[r]++];
            }
    }
    transposedStart[k] = place;
}

void sparse_transpose(const int64_t *rowStart, const int32_t *columns, const float *values, int64_t m,
                      int64_t k, int64_t *transposedStart, int32_t *transposedColumns, float *transposedValues) {
    if (m <= TRANSPOSE_BY_BITS_MAX_ROWS && k <= TRANSPOSE_BY_BITS_MAX_K)
        transpose_by_bits(rowStart, columns, values, m, k, transposedStart, transposedColumns, transposedValues);
    else
        sparse_transpose_by_counting(rowStart, columns, values, m, k, transposedStart, transposedColumns,
                                     transposedValues);
}

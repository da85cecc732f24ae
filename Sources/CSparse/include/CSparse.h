// Products with a mostly-zero left factor held in compressed rows (CSR): only its nonzero entries
// are multiplied. Every element of a result is summed by the same fused multiply-adds in the same
// order whatever vector width the CPU offers (AVX-512, AVX2 or none), so the results are the same on every
// x86-64 machine.
#ifndef CSPARSE_H
#define CSPARSE_H
#include <stdint.h>

/// out (m x n) = A · B (+ bias on every row), A given as m compressed rows: the nonzeros of row r are
/// values[rowStart[r] ..< rowStart[r + 1]], in the columns columns[...] (ascending). B is row-major
/// k x n, its rows ldb ≥ n elements apart; bias a row of n or NULL. Each out[r][j] is Σ A[r][c]·B[c][j]
/// as two sums, over the nonzeros in even and in odd places of the row, each in order, added, then +
/// bias[j]. The vector kernels read B fastest when its rows start on 64-byte boundaries (ldb a
/// multiple of 8, b aligned to 64 bytes): then no vector of B straddles two cache lines.
void sparse_rows_times_dense(const int64_t *rowStart, const int32_t *columns, const float *values, int64_t m,
                             const double *b, int64_t ldb, int64_t n, const double *bias, double *out);

/// The transpose of the m x k matrix in compressed rows (rowStart, columns, values), as k compressed
/// rows: transposedStart holds k + 1 entries, the other two rowStart[m]. Each new row lists its
/// entries in ascending original row, so Aᵀ·D is `sparse_rows_times_dense` of the transpose.
void sparse_transpose(const int64_t *rowStart, const int32_t *columns, const float *values, int64_t m,
                      int64_t k, int64_t *transposedStart, int32_t *transposedColumns, float *transposedValues);

/// The same transpose by a counting sort, which takes any number of rows (`sparse_transpose` uses
/// it above 128 rows; tests hold the two to each other).
void sparse_transpose_by_counting(const int64_t *rowStart, const int32_t *columns, const float *values, int64_t m,
                                  int64_t k, int64_t *transposedStart, int32_t *transposedColumns,
                                  float *transposedValues);

/// The same product by the plain loops every CPU runs (the vector kernels' definition, for tests).
void sparse_rows_times_dense_plain(const int64_t *rowStart, const int32_t *columns, const float *values, int64_t m,
                                   const double *b, int64_t ldb, int64_t n, const double *bias, double *out);

/// The kernels, for tests that hold each one to the plain loops.
enum { SPARSE_KERNEL_PLAIN = 0, SPARSE_KERNEL_AVX2 = 1, SPARSE_KERNEL_AVX512 = 2 };

/// The kernels this CPU runs, as a bit set: bit `SPARSE_KERNEL_...` is on for each.
int sparse_kernels_available(void);

/// The same product by the kernel given, which must be one this CPU runs.
void sparse_rows_times_dense_with(int kernel, const int64_t *rowStart, const int32_t *columns, const float *values,
                                  int64_t m, const double *b, int64_t ldb, int64_t n, const double *bias,
                                  double *out);

#endif

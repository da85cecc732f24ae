// Whole-array steps in C for the CPU's vector units: Swift compiles for the oldest x86-64 (two
// doubles at a time) and takes each square root alone, through the C library.
#ifndef CELEMENTWISE_H
#define CELEMENTWISE_H
#include <stdint.h>

/// x[i] -= (c · y[i]) / (√h[i] + epsilon) for every i < n: the multiplication, the square root,
/// the addition, the division and the subtraction each rounded on its own, as NumPy's statement
/// `x -= c * y / (np.sqrt(h) + epsilon)` rounds them, whatever vector width the CPU offers. The
/// divided step of AdaGrad, RMSprop and Adam.
void divided_step(double *x, const double *y, const double *h, int64_t n, double c, double epsilon);

/// out[i] = x[i] + c · y[i] for every i < n, the product rounded before the sum (never fused), as
/// NumPy's `x + c * y` rounds it. `out` may be `x`: SGD's `W -= lr * dW` is this with c = −lr
/// (negating is exact), and L2's `dW + λ·W` with c = λ.
void scaled_sum(double *out, const double *x, const double *y, int64_t n, double c);

/// x[i] = x[i] > 0 ? x[i] : +0 for every i < n, in place: ReLU's max(x, 0), with −0 and NaN
/// set to +0 as the comparison sets them.
void zero_unless_positive(double *x, int64_t n);

/// d[i] = y[i] > 0 ? d[i] : +0 for every i < n, in place: ReLU's backward, `dout[mask] = 0`
/// with the forward output y as the mask.
void zero_where_not_positive(double *d, const double *y, int64_t n);

/// out[c] = (…((0 + x[0][c]) + x[1][c]) + …) + x[rows − 1][c] for every c < cols: the sum of the
/// rows of the row-major rows x cols matrix x, added in order as NumPy's sum(axis=0) adds them.
void sum_of_rows(double *out, const double *x, int64_t rows, int64_t cols);

/// The kernels, for tests that hold each one to the plain loop.
enum { ELEMENTWISE_PLAIN = 0, ELEMENTWISE_AVX = 1, ELEMENTWISE_AVX512 = 2 };

/// The kernels this CPU runs, as a bit set: bit `ELEMENTWISE_...` is on for each.
int elementwise_kernels_available(void);

/// The same steps by the kernel given, which must be one this CPU runs.
void divided_step_with(int kernel, double *x, const double *y, const double *h, int64_t n, double c,
                       double epsilon);
void scaled_sum_with(int kernel, double *out, const double *x, const double *y, int64_t n, double c);
void zero_unless_positive_with(int kernel, double *x, int64_t n);
void zero_where_not_positive_with(int kernel, double *d, const double *y, int64_t n);
void sum_of_rows_with(int kernel, double *out, const double *x, int64_t rows, int64_t cols);

#endif

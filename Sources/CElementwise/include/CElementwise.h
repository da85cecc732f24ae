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

/// The kernels, for tests that hold each one to the plain loop.
enum { ELEMENTWISE_PLAIN = 0, ELEMENTWISE_AVX = 1, ELEMENTWISE_AVX512 = 2 };

/// The kernels this CPU runs, as a bit set: bit `ELEMENTWISE_...` is on for each.
int elementwise_kernels_available(void);

/// The same steps by the kernel given, which must be one this CPU runs.
void divided_step_with(int kernel, double *x, const double *y, const double *h, int64_t n, double c,
                       double epsilon);
void scaled_sum_with(int kernel, double *out, const double *x, const double *y, int64_t n, double c);

#endif

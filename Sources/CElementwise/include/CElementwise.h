// The divided step of AdaGrad, RMSprop and Adam over whole arrays, in C for the CPU's vector units
// (Swift's square root is a scalar library call, one element at a time).
#ifndef CELEMENTWISE_H
#define CELEMENTWISE_H
#include <stdint.h>

/// x[i] -= (c · y[i]) / (√h[i] + epsilon) for every i < n: the multiplication, the square root,
/// the addition, the division and the subtraction each rounded on its own, as NumPy's statement
/// `x -= c * y / (np.sqrt(h) + epsilon)` rounds them, whatever vector width the CPU offers.
void divided_step(double *x, const double *y, const double *h, int64_t n, double c, double epsilon);

/// The kernels, for tests that hold each one to the plain loop.
enum { DIVIDED_STEP_PLAIN = 0, DIVIDED_STEP_AVX = 1, DIVIDED_STEP_AVX512 = 2 };

/// The kernels this CPU runs, as a bit set: bit `DIVIDED_STEP_...` is on for each.
int divided_step_kernels_available(void);

/// The same step by the kernel given, which must be one this CPU runs.
void divided_step_with(int kernel, double *x, const double *y, const double *h, int64_t n, double c,
                       double epsilon);

#endif

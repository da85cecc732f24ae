// OpenBLAS's CBLAS interface (Debian libopenblas-dev), for the matrix product.
#include <cblas.h>

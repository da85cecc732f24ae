// zlib (Debian zlib1g-dev), for reading MNIST's .gz files in-process.
#include <zlib.h>

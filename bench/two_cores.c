/* Is the second core there? One 100x784 by 784x50 dgemm (the book's largest product), timed on
 * one thread and then split in two row halves over two pthreads, with nothing of the project in
 * between. On an idle two-core machine the split runs about 1.9x faster; on a virtual machine
 * whose second vCPU is being held back by its host it does not. Used to tell the machine's
 * noise from the project's (README, Speed).
 *
 *   cc -O2 bench/two_cores.c -o /tmp/two_cores -lopenblas -lpthread && /tmp/two_cores
 */
#include <cblas.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { M = 100, K = 784, N = 50, CALLS = 2000, ROUNDS = 5 };
static double *x, *w, *y;
static atomic_int round_posted, round_done;

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* Rows [first, first + rows) of y = x w. */
static void product_rows(int first, int rows) {
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, N, K, 1.0, x + first * K, K, w, N, 0.0,
                y + first * N, N);
}

/* The second thread: waits (spinning) for each call's second half. */
static void *second_half(void *unused) {
    (void)unused;
    for (int seen = 0;;) {
        int posted;
        while ((posted = atomic_load(&round_posted)) == seen) {}
        if (posted < 0) return NULL;
        seen = posted;
        product_rows(M / 2, M - M / 2);
        atomic_store(&round_done, posted);
    }
}

int main(void) {
    openblas_set_num_threads(1);
    x = malloc(sizeof(double) * M * K), w = malloc(sizeof(double) * K * N), y = malloc(sizeof(double) * M * N);
    for (int i = 0; i < M * K; i++) x[i] = rand() / (double)RAND_MAX;
    for (int i = 0; i < K * N; i++) w[i] = rand() / (double)RAND_MAX - 0.5;
    pthread_t helper;
    pthread_create(&helper, NULL, second_half, NULL);
    int posted = 0;
    for (int r = 0; r < ROUNDS; r++) {
        double start = seconds();
        for (int i = 0; i < CALLS; i++) product_rows(0, M);
        double one = (seconds() - start) / CALLS;
        start = seconds();
        for (int i = 0; i < CALLS; i++) {
            atomic_store(&round_posted, ++posted);
            product_rows(0, M / 2);
            while (atomic_load(&round_done) != posted) {}
        }
        double two = (seconds() - start) / CALLS;
        printf("one thread %6.1f us, two threads %6.1f us: %.2fx\n", one * 1e6, two * 1e6, one / two);
    }
    atomic_store(&round_posted, -1);
    pthread_join(helper, NULL);
    return 0;
}

/* Stand-in for librdkafka's internal src/rdtime.h: the monotonic clock rdkafka_performance.c uses. */
#ifndef SLUICE_BENCH_RDTIME_H
#define SLUICE_BENCH_RDTIME_H
#include <stdint.h>
#include <time.h>

typedef int64_t rd_ts_t;

/* Microseconds on the monotonic clock, as librdkafka's rd_clock(). */
static inline rd_ts_t rd_clock(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (rd_ts_t)ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}
#endif
